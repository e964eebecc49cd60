// The selected session: every field (known and unknown), its file, the engine's
// warnings, and the status / e-mail controls. Re-read whenever its record changes.

import { Fragment, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionDetail, SessionRecord } from '../../../../shared/types';
import { copyPath, reveal, setEmail, validateEmail } from './session-actions';
import { api } from '../../controller/context';
import { describeError } from '../../lib/errors';
import { absoluteTime, formatBytes, osLabel } from '../../lib/format';
import { useUi } from '../../store/ui';
import { useWorkspace } from '../../store/workspace';
import { revealLabelKey } from './ContextMenu';
import { CopyIcon, FolderIcon, WarningIcon } from '../../ui/Icons';
import { StatusSelect } from './StatusSelect';
import { JsonTree } from '../../ui/JsonTree';

type Loaded = { record: SessionRecord; detail: SessionDetail } | { record: SessionRecord; error: string } | null;

/** Fetches the detail for the record; a newer record supersedes a slower older request. */
function useDetail(record: SessionRecord | undefined): Loaded {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    if (!record) return;
    let live = true;
    api()
      .getSession({ app: record.app, id: record.id })
      .then((detail) => live && setLoaded({ record, detail }))
      .catch((err: unknown) => live && setLoaded({ record, error: describeError(t, err) }));
    return () => {
      live = false;
    };
  }, [record, t]);
  return loaded && record && loaded.record.id === record.id ? loaded : null;
}

function EmailForm({ record }: { record: SessionRecord }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(record.email);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setValue(record.email);
    setError(null);
  }, [record.email, record.id]);
  const dirty = value.trim() !== record.email;
  return (
    <form
      className="details__email"
      onSubmit={(e) => {
        e.preventDefault();
        const problem = validateEmail(value);
        setError(problem);
        if (!problem) void setEmail({ app: record.app, id: record.id }, value);
      }}
    >
      <input
        className="input"
        type="email"
        aria-label={t('columns.email')}
        aria-invalid={error ? 'true' : undefined}
        data-testid="details-email"
        value={value}
        placeholder={t('table.noEmail')}
        spellCheck={false}
        onChange={(e) => {
          setValue(e.target.value);
          if (error) setError(validateEmail(e.target.value));
        }}
      />
      {/* Only an edit needs a button: untouched, the field has the whole width. */}
      {dirty ? (
        <button type="submit" className="button button--primary">
          {t('details.save')}
        </button>
      ) : null}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </form>
  );
}

/**
 * An IP address that wraps, when it must, only between its parts: after the "::ffff:" of an
 * IPv4-mapped address or after a colon of an IPv6 one — never inside "192.168.191.67".
 */
export function IpAddress({ ip }: { ip: string }) {
  if (!ip) return <code>—</code>;
  const mapped = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  // "::ffff:" stays whole; IPv6 groups may part after their colons.
  const parts = mapped ? [mapped[1]!] : ip.split(/(?<=:)(?=[^:])/);
  return (
    <code className="details__ip" data-testid="details-ip">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          <span>{part}</span>
        </Fragment>
      ))}
      {mapped ? (
        <>
          <wbr />
          <span>{mapped[2]}</span>
        </>
      ) : null}
    </code>
  );
}

export function DetailsPanel() {
  const { t, i18n } = useTranslation();
  const app = useUi((s) => s.selectedApp);
  const id = useUi((s) => s.selectedId);
  const focusTick = useUi((s) => s.detailsFocusTick);
  const host = useWorkspace((s) => s.state?.host);
  const record = useWorkspace((s) => (app && id ? s.sessions.get(app)?.records.get(id) : undefined));
  const loadedApp = useWorkspace((s) => (app ? s.sessions.has(app) : false));
  const loaded = useDetail(record);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    // The panel itself takes the focus (Tab goes on to its controls): a <select> focused by
    // Enter would open its list on the same key and then swallow Escape.
    if (focusTick > 0) ref.current?.focus();
  }, [focusTick]);

  let body: React.ReactNode;
  if (!id) body = <p className="details__placeholder">{t('details.empty')}</p>;
  else if (!record)
    body = <p className="details__placeholder">{loadedApp ? t('details.gone') : t('details.loading')}</p>;
  else {
    const target = { app: record.app, id: record.id };
    const detail = loaded && 'detail' in loaded ? loaded.detail : null;
    const rows: [string, React.ReactNode][] = [
      [t('details.sessionId'), <code key="id">{record.id}</code>],
      [t('details.deviceId'), <code key="dev">{record.deviceId || '—'}</code>],
      [t('columns.language'), record.language || '—'],
      [t('columns.ip'), <IpAddress key="ip" ip={record.ip} />],
      [t('details.appVersion'), record.appVersion || '—'],
      [t('details.simulator'), record.simulator ? t('details.yes') : t('details.no')],
      [t('columns.mtime'), absoluteTime(record.mtimeMs, i18n.language)],
      [t('details.size'), formatBytes(record.size, i18n.language)],
    ];
    body = (
      <>
        <header className="details__header">
          <h2 className="details__title">{record.deviceDescription || record.deviceId || record.id}</h2>
          <div className="details__subtitle">
            {osLabel(record)}
            {record.simulator ? <span className="tag tag--sim">{t('table.simulator')}</span> : null}
          </div>
        </header>
        <section className="details__section details__controls">
          <div className="details__label">{t('status.label')}</div>
          <StatusSelect target={target} status={record.status} />
          <div className="details__label">{t('columns.email')}</div>
          <EmailForm record={record} />
        </section>
        <section className="details__section">
          <dl className="details__fields">
            {rows.map(([k, v]) => (
              <div key={k} className="details__field">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="details__section" aria-labelledby="details-location">
          <h3 id="details-location" className="details__heading">
            {t('details.location')}
          </h3>
          {detail ? (
            <>
              <code className="details__path" data-testid="details-location">
                {detail.location}
              </code>
              <div className="details__buttons">
                <button type="button" className="button button--small" onClick={() => void copyPath(detail.location)}>
                  <CopyIcon size={12} /> {t('details.copyPath')}
                </button>
                {host !== 'browser' ? (
                  <button type="button" className="button button--small" onClick={() => void reveal(target)}>
                    <FolderIcon size={12} /> {t(revealLabelKey(host))}
                  </button>
                ) : null}
              </div>
            </>
          ) : (
            <p className="muted">
              {loaded && 'error' in loaded ? t('details.loadFailed', { message: loaded.error }) : t('details.loading')}
            </p>
          )}
        </section>
        <section className="details__section" aria-labelledby="details-warnings">
          <h3 id="details-warnings" className="details__heading">
            {t('details.warnings')}
          </h3>
          {record.warnings.length === 0 ? (
            <p className="details__ok">{t('details.noWarnings')}</p>
          ) : (
            <ul className="details__warnings" data-testid="details-warnings">
              {record.warnings.map((w, i) => (
                <li key={`${w.code}-${i}`}>
                  <WarningIcon size={13} />
                  <span>
                    <code>{w.code}</code> {w.message}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {detail ? (
          <section className="details__section" aria-labelledby="details-json">
            <h3 id="details-json" className="details__heading">
              {t('details.json')}
            </h3>
            <JsonTree json={detail.json} label={t('details.json')} />
          </section>
        ) : null}
      </>
    );
  }

  return (
    <aside
      ref={ref}
      className="details"
      aria-label={t('details.title')}
      data-testid="details-panel"
      tabIndex={-1}
      onKeyDown={(e) => {
        // Enter on the table brought the focus here; Escape takes it back to the row.
        // (A closed <select> reports Escape as handled by the browser: it is still ours.)
        if (e.key !== 'Escape' || (e.defaultPrevented && !(e.target instanceof HTMLSelectElement))) return;
        e.preventDefault();
        document.querySelector<HTMLElement>('[data-testid="sessions-table"]')?.focus({ preventScroll: true });
      }}
    >
      {body}
    </aside>
  );
}
