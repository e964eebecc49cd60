// The e-mail cell: text, or (double-click / pencil) an input validated with the
// contract's own rule. Enter saves, Escape cancels, leaving the field saves if valid.

import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionRef } from '../../../../shared/types';
import { setEmail, validateEmail } from './session-actions';
import { PencilIcon } from '../../ui/Icons';

export interface EmailEditorProps {
  target: SessionRef;
  email: string;
  onDone: () => void;
}

export function EmailEditor({ target, email, onDone }: EmailEditorProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState(email);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const finished = useRef(false);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const commit = async (fromBlur: boolean) => {
    if (finished.current) return;
    const problem = validateEmail(value);
    if (problem) {
      if (fromBlur) {
        finished.current = true;
        onDone();
      } else setError(problem);
      return;
    }
    finished.current = true;
    setSaving(true);
    await setEmail(target, value);
    onDone();
  };

  return (
    <span className="email-editor" onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
      <input
        ref={ref}
        className="email-editor__input"
        type="email"
        aria-label={t('columns.email')}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `email-error-${target.id}` : undefined}
        data-testid="email-input"
        value={value}
        disabled={saving}
        spellCheck={false}
        onChange={(e) => {
          setValue(e.target.value);
          if (error) setError(validateEmail(e.target.value));
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit(false);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            finished.current = true;
            onDone();
          }
        }}
        onBlur={() => void commit(true)}
      />
      {error ? (
        <span className="email-editor__error" id={`email-error-${target.id}`} role="alert" data-testid="email-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}

export const EmailCell = memo(function EmailCell({
  target,
  email,
  label,
}: {
  target: SessionRef;
  email: string;
  label: string;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  if (editing) return <EmailEditor target={target} email={email} onDone={() => setEditing(false)} />;
  return (
    <span className="email-cell" onDoubleClick={() => setEditing(true)} data-testid="email-cell">
      <span className={`email-cell__text${email ? '' : ' muted'}`} title={email || undefined}>
        {email || t('table.noEmail')}
      </span>
      <button
        type="button"
        className="email-cell__edit icon-button icon-button--small"
        tabIndex={-1}
        aria-label={`${t('table.editEmail')} — ${label}`}
        title={t('table.editEmail')}
        data-testid="email-edit"
        // Not a row click: selecting the row would open the details panel and move the button from under the pointer.
        onMouseDown={(e) => e.stopPropagation()}
        onClick={(e) => {
          e.stopPropagation();
          setEditing(true);
        }}
      >
        <PencilIcon size={12} />
      </button>
    </span>
  );
});
