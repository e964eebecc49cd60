// Push settings of the open folder: URL, secret (never shown back), timeout, Test connection,
// and the 4D set-up steps inline (no link to open: the desktop renderer may not open URLs,
// and browser mode serves only the app). In browser mode a typed secret is kept in the
// server's memory only; the note under the field says so.

import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PushResult, PushSettingsInput, PushSettingsView } from '../../../../shared/types';
import { pushSettingsInput } from '../../../../shared/api-schema';
import { loadPushSettings, pushMessage, savePushSettings, testConnection } from './push-actions';
import { usePush } from './push-store';
import { rulesText } from './PreflightDialog';
import { closeDialog, showToast } from '../../store/ui';
import { useWorkspace } from '../../store/workspace';
import { Dialog } from '../../ui/Dialog';
import { CheckIcon, Spinner, WarningIcon } from '../../ui/Icons';

function TestResult({ result }: { result: PushResult }) {
  const { t } = useTranslation();
  const ok = result.outcome === 'success';
  return (
    <div
      className={`test-result test-result--${ok ? 'ok' : 'error'}`}
      role="status"
      data-testid="test-result"
      data-outcome={result.outcome}
    >
      {ok ? <CheckIcon size={14} /> : <WarningIcon size={14} />}
      <div>
        <div>{ok ? t('settings.testOk', { ms: Math.round(result.durationMs) }) : pushMessage(result)}</div>
        {!ok && (result.bodyExcerpt || result.message) ? (
          <div className="muted test-result__detail">{result.bodyExcerpt || result.message}</div>
        ) : null}
      </div>
    </div>
  );
}

function secretNote(source: PushSettingsView['secretSource'], browser: boolean, t: (key: string) => string): string {
  if (source === 'keychain') return t('settings.secretKeychain');
  if (source === 'environment') return t('settings.secretEnvironment');
  if (source === 'memory') return t('settings.secretMemory');
  return browser ? t('settings.secretBrowserNote') : t('settings.secretNoneNote');
}

const SETUP_STEPS = [
  'settings.setup1',
  'settings.setup2',
  'settings.setup3',
  'settings.setup4',
  'settings.setup5',
] as const;

/** How to prepare the 4D Server, from docs/push.md: shown in place, nothing to open. */
function SetupSteps() {
  const { t } = useTranslation();
  return (
    <details className="push-setup" data-testid="push-setup">
      <summary>{t('settings.setupTitle')}</summary>
      <ol>
        {SETUP_STEPS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ol>
      <p className="muted">{t('settings.setupMore')}</p>
    </details>
  );
}

export function PushSettingsDialog() {
  const { t } = useTranslation();
  const ids = { url: useId(), secret: useId(), timeout: useId(), fourD: useId() };
  const [view, setView] = useState<PushSettingsView | null>(null);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [clearSecret, setClearSecret] = useState(false);
  const [timeoutS, setTimeoutS] = useState('10');
  const [fourD, setFourD] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const testing = usePush((s) => s.testing);
  const testResult = usePush((s) => s.testResult);
  const browser = useWorkspace((s) => s.state?.host === 'browser');

  useEffect(() => {
    void loadPushSettings().then((v) => {
      if (!v) return;
      setView(v);
      setUrl(v.url);
      setTimeoutS(String(v.timeoutMs / 1000));
      setFourD(v.fourDInstallPath);
    });
  }, []);

  const input = (): PushSettingsInput => {
    const base: PushSettingsInput = {
      url: url.trim(),
      timeoutMs: Math.round(Number(timeoutS.replace(',', '.')) * 1000),
    };
    if (fourD.trim() !== (view?.fourDInstallPath ?? '')) base.fourDInstallPath = fourD.trim();
    if (clearSecret) return { ...base, secret: '' };
    return secret ? { ...base, secret } : base;
  };
  const parsed = pushSettingsInput.safeParse(input());
  const urlError = parsed.success
    ? null
    : parsed.error.issues.some((i) => i.path[0] === 'url')
      ? t('settings.urlInvalid')
      : null;
  const timeoutError = parsed.success
    ? null
    : parsed.error.issues.some((i) => i.path[0] === 'timeoutMs')
      ? t('settings.timeoutInvalid')
      : null;
  const fourDError = parsed.success
    ? null
    : parsed.error.issues.some((i) => i.path[0] === 'fourDInstallPath')
      ? t('settings.fourDPathInvalid')
      : null;
  const dirty =
    !view ||
    url.trim() !== view.url ||
    input().timeoutMs !== view.timeoutMs ||
    secret !== '' ||
    clearSecret ||
    input().fourDInstallPath !== undefined;

  const save = async (): Promise<boolean> => {
    if (!parsed.success) return false;
    if (!dirty) return true;
    setSaving(true);
    const result = await savePushSettings(input());
    setSaving(false);
    if ('error' in result) {
      setError(result.error);
      return false;
    }
    setError(null);
    setView(result.view);
    setSecret('');
    setClearSecret(false);
    return true;
  };

  const source = view?.secretSource ?? 'none';
  const sourceNote = secretNote(source, browser, t);
  // aria-disabled, not disabled, while testing: a disabled button would drop the focus to the page.
  const canTest = parsed.success && !testing && !saving;

  return (
    <Dialog
      title={t('settings.title')}
      onClose={closeDialog}
      testId="push-settings-dialog"
      wide
      footer={
        <>
          <button
            type="button"
            className="button footer-left"
            aria-disabled={!canTest}
            data-testid="test-connection"
            onClick={() => {
              if (!canTest) return;
              void save().then(async (ok) => {
                if (ok) await testConnection();
              });
            }}
          >
            {testing ? <Spinner /> : null} {testing ? t('settings.testing') : t('settings.test')}
          </button>
          <button type="button" className="button" onClick={closeDialog}>
            {t('dialogs.cancel')}
          </button>
          <button
            type="submit"
            form="push-settings-form"
            className="button button--primary"
            disabled={!parsed.success || saving}
            data-testid="save-settings"
          >
            {t('settings.save')}
          </button>
        </>
      }
    >
      <p className="muted">{t('settings.intro')}</p>
      <SetupSteps />
      <form
        id="push-settings-form"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save().then((ok) => {
            if (ok) {
              showToast({ tone: 'success', title: t('settings.saved'), timeoutMs: 3000 });
              closeDialog();
            }
          });
        }}
      >
        <label htmlFor={ids.url}>{t('settings.url')}</label>
        <div>
          <input
            id={ids.url}
            className="input"
            type="url"
            value={url}
            placeholder={t('settings.urlPlaceholder')}
            aria-invalid={urlError ? 'true' : undefined}
            spellCheck={false}
            data-autofocus
            onChange={(e) => setUrl(e.target.value)}
          />
          {urlError ? <div className="field-error">{urlError}</div> : null}
        </div>
        <label htmlFor={ids.secret}>{t('settings.secret')}</label>
        <div>
          <input
            id={ids.secret}
            className="input"
            type="password"
            value={secret}
            autoComplete="new-password"
            disabled={source === 'environment' || clearSecret}
            placeholder={view?.hasSecret ? t('settings.secretKeep') : t('settings.secretNone')}
            onChange={(e) => setSecret(e.target.value)}
          />
          <div className="field-note">{sourceNote}</div>
          {view?.hasSecret && (source === 'keychain' || source === 'memory') ? (
            <label className="checkbox">
              <input type="checkbox" checked={clearSecret} onChange={(e) => setClearSecret(e.target.checked)} />{' '}
              {t('settings.clearSecret')}
            </label>
          ) : null}
        </div>
        <label htmlFor={ids.timeout}>{t('settings.timeout')}</label>
        <div>
          <input
            id={ids.timeout}
            className="input input--narrow"
            type="number"
            min={0.5}
            max={120}
            step={0.5}
            value={timeoutS}
            aria-invalid={timeoutError ? 'true' : undefined}
            onChange={(e) => setTimeoutS(e.target.value)}
          />
          {timeoutError ? <div className="field-error">{timeoutError}</div> : null}
        </div>
        <label htmlFor={ids.fourD}>{t('settings.fourDPath')}</label>
        <div>
          <input
            id={ids.fourD}
            className="input"
            type="text"
            value={fourD}
            placeholder={t('settings.fourDPathPlaceholder')}
            aria-invalid={fourDError ? 'true' : undefined}
            spellCheck={false}
            data-testid="four-d-path"
            onChange={(e) => setFourD(e.target.value)}
          />
          {fourDError ? <div className="field-error">{fourDError}</div> : null}
          {view ? (
            <div className="field-note" data-testid="check-rules">
              {rulesText(t, view.checkRules)}
            </div>
          ) : null}
        </div>
      </form>
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
      {testResult ? <TestResult result={testResult} /> : null}
    </Dialog>
  );
}
