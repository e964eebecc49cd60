// A button that opens a small panel or menu below it: Escape or a click outside
// closes it and gives focus back to the button.

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface PopoverProps {
  /** The button's content. */
  label: ReactNode;
  /** Accessible name when the label is not plain text. */
  ariaLabel?: string;
  buttonClass?: string;
  testId?: string;
  panelTestId?: string;
  /** 'menu' for a list of commands, 'dialog' for a panel of fields. */
  kind: 'menu' | 'dialog';
  panelLabel: string;
  align?: 'left' | 'right';
  disabled?: boolean;
  title?: string;
  children: (close: () => void) => ReactNode;
}

export function Popover({
  label,
  ariaLabel,
  buttonClass,
  testId,
  panelTestId,
  kind,
  panelLabel,
  align = 'left',
  disabled,
  title,
  children,
}: PopoverProps) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown, true);
    const first = wrap.current?.querySelector<HTMLElement>('[role="menuitem"], input, select, button.popover__focus');
    first?.focus();
    return () => document.removeEventListener('mousedown', onDown, true);
  }, [open]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      close();
      return;
    }
    if (kind !== 'menu' || !open || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    const items = Array.from(wrap.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const i = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
    e.preventDefault();
    next?.focus();
  };

  return (
    <div className="popover-wrap" ref={wrap} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className={buttonClass ?? 'button'}
        aria-haspopup={kind === 'menu' ? 'menu' : 'dialog'}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={ariaLabel}
        title={title}
        data-testid={testId}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      {open ? (
        <div
          id={panelId}
          className={`popover popover--${align}${kind === 'menu' ? ' popover--menu' : ''}`}
          role={kind}
          aria-label={panelLabel}
          data-testid={panelTestId}
        >
          {children(() => close())}
        </div>
      ) : null}
    </div>
  );
}
