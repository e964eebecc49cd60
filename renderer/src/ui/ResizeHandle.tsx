// A vertical splitter that resizes what is on its left: dragged with the pointer, or
// focused and moved with the arrow keys (WAI-ARIA "window splitter": a focusable
// separator with a value). Double-click or Enter gives the default width back.

import { useRef } from 'react';

export interface ResizeHandleProps {
  /** Accessible name, e.g. "Resize the Device column". */
  label: string;
  /** Current width in px (measured by the caller when it is not fixed yet). */
  value: () => number;
  min: number;
  max: number;
  onResize: (width: number) => void;
  /** Back to the default width (double-click, Enter). */
  onReset: () => void;
  className?: string;
  testId?: string;
}

const KEY_STEP = 16;
const KEY_STEP_LARGE = 64;

function clamp(n: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, n)));
}

export function ResizeHandle({ label, value, min, max, onResize, onReset, className, testId }: ResizeHandleProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const now = Math.round(value());
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={clamp(now, min, max)}
      tabIndex={0}
      title={label}
      className={`resize-handle${className ? ` ${className}` : ''}`}
      data-testid={testId}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault(); // no text selection, no focus theft from the grid while dragging
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, width: value() };
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        onResize(clamp(drag.current.width + e.clientX - drag.current.x, min, max));
      }}
      onPointerUp={(e) => {
        drag.current = null;
        if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      onMouseDown={(e) => e.stopPropagation()}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => {
        e.stopPropagation();
        onReset();
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
        let next: number | null = null;
        if (e.key === 'ArrowLeft') next = value() - step;
        else if (e.key === 'ArrowRight') next = value() + step;
        else if (e.key === 'Home') next = min;
        else if (e.key === 'End') next = max;
        else if (e.key === 'Enter') {
          e.preventDefault();
          e.stopPropagation();
          onReset();
          return;
        }
        if (next === null) return;
        e.preventDefault();
        e.stopPropagation(); // the grid's own arrow keys move the selection
        onResize(clamp(next, min, max));
      }}
    />
  );
}
