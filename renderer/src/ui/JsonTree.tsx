// Every field of a session file, including ones this app does not know, as a
// collapsible tree (role=tree). Objects start open; long strings wrap.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronIcon } from './Icons';

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="json__null">null</span>;
  switch (typeof value) {
    case 'string':
      return <span className="json__string">“{value}”</span>;
    case 'number':
      return <span className="json__number">{String(value)}</span>;
    case 'boolean':
      return <span className="json__bool">{String(value)}</span>;
    default:
      return <span className="json__null">{String(value)}</span>;
  }
}

function Node({ name, value, level }: { name: string; value: unknown; level: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(level < 3);
  const isObject = value !== null && typeof value === 'object';
  if (!isObject) {
    return (
      <li role="treeitem" aria-level={level} className="json__item">
        <span className="json__key">{name}</span>
        <span className="json__colon">:</span> <Scalar value={value} />
      </li>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  return (
    <li role="treeitem" aria-level={level} aria-expanded={open} className="json__item">
      <button
        type="button"
        className="json__toggle"
        onClick={() => setOpen(!open)}
        aria-label={`${open ? t('details.collapse') : t('details.expand')} ${name}`}
      >
        <ChevronIcon size={11} className={open ? 'json__chevron json__chevron--open' : 'json__chevron'} />
        <span className="json__key">{name}</span>
        <span className="json__summary">{Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}</span>
      </button>
      {open ? (
        <ul role="group" className="json__group">
          {entries.map(([k, v]) => (
            <Node key={k} name={k} value={v} level={level + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function JsonTree({ json, label }: { json: Record<string, unknown>; label: string }) {
  return (
    <ul role="tree" aria-label={label} className="json">
      {Object.entries(json).map(([k, v]) => (
        <Node key={k} name={k} value={v} level={1} />
      ))}
    </ul>
  );
}
