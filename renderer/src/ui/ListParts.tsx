// Pieces the list views share (Needs approval, Activity, Problems): the view's
// header (title, one line of explanation, actions) and the empty state.

import type { ReactNode } from 'react';

export function ViewHeader({
  id,
  title,
  intro,
  actions,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="view-header">
      <div className="view-header__text">
        <h2 id={id}>{title}</h2>
        {intro}
      </div>
      {actions ? <div className="view-header__actions">{actions}</div> : null}
    </header>
  );
}

export function EmptyList({
  icon,
  title,
  text,
  testId,
}: {
  icon: ReactNode;
  title: string;
  text?: string | null;
  testId: string;
}) {
  return (
    <div className="list-empty" data-testid={testId}>
      <div className="empty-state__icon">{icon}</div>
      <strong>{title}</strong>
      {text ? <span className="muted">{text}</span> : null}
    </div>
  );
}
