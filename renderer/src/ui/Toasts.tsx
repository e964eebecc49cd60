// Toasts: bottom-right, announced politely (errors assertively), with actions (Undo, Retry…).

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { dismissToast, useUi, type Toast } from '../store/ui';
import { CheckIcon, CloseIcon, WarningIcon } from './Icons';

function ToastView({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!toast.timeoutMs) return;
    const timer = setTimeout(() => dismissToast(toast.id), toast.timeoutMs);
    return () => clearTimeout(timer);
  }, [toast.id, toast.timeoutMs]);

  return (
    <div
      className={`toast toast--${toast.tone}`}
      data-testid="toast"
      data-tone={toast.tone}
      role={toast.tone === 'error' ? 'alert' : 'status'}
    >
      <span className="toast__icon">
        {toast.tone === 'error' ? <WarningIcon /> : toast.tone === 'success' ? <CheckIcon /> : null}
      </span>
      <div className="toast__text">
        <div className="toast__title">{toast.title}</div>
        {toast.detail ? <div className="toast__detail">{toast.detail}</div> : null}
      </div>
      <div className="toast__actions">
        {toast.actions?.map((a) => (
          <button
            key={a.label}
            type="button"
            className="button button--small"
            onClick={() => {
              dismissToast(toast.id);
              a.run();
            }}
          >
            {a.label}
          </button>
        ))}
        <button
          type="button"
          className="icon-button icon-button--small"
          aria-label={t('toast.dismiss')}
          onClick={() => dismissToast(toast.id)}
        >
          <CloseIcon size={12} />
        </button>
      </div>
    </div>
  );
}

export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
