// A modal dialog: role=dialog, aria-modal, labelled by its title, focus kept inside
// (Tab cycles), Escape closes, focus returns to where it was on close. Focus that
// falls out of the dialog (a focused button was disabled or removed, a click on the
// backdrop's edge) comes back to it, so Escape and Tab keep working.

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './Icons';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  /** alertdialog for confirmations of destructive actions. */
  role?: 'dialog' | 'alertdialog';
  tone?: 'default' | 'danger' | 'warning';
  wide?: boolean;
}

export function Dialog({
  title,
  onClose,
  children,
  footer,
  testId,
  role = 'dialog',
  tone = 'default',
  wide,
}: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const root = ref.current;
    if (root) {
      const preferred = root.querySelector<HTMLElement>('[data-autofocus]');
      (preferred ?? root.querySelector<HTMLElement>(FOCUSABLE) ?? root).focus();
    }
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
  }, []);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    /** Focus lost to the page (activeElement is body): Escape still closes this dialog. */
    const onDocKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || root.contains(document.activeElement)) return;
      if (document.activeElement && document.activeElement !== document.body) return;
      e.preventDefault();
      onCloseRef.current();
    };
    /** The focused element went away (disabled, unmounted): bring focus back into the dialog. */
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget !== null) return;
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if (root.isConnected && (!active || active === document.body)) root.focus();
      });
    };
    document.addEventListener('keydown', onDocKey);
    root.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('keydown', onDocKey);
      root.removeEventListener('focusout', onFocusOut);
    };
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`dialog dialog--${tone}${wide ? ' dialog--wide' : ''}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <button type="button" className="icon-button" aria-label={t('dialogs.close')} onClick={onClose}>
            <CloseIcon />
          </button>
        </div>
        <div className="dialog__body">{children}</div>
        {footer ? <div className="dialog__footer">{footer}</div> : null}
      </div>
    </div>
  );
}
