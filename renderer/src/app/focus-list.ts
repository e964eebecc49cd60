// The list under the toolbar, whichever is on screen: the sessions table, the matches of
// every app, or the inbox. The search field and the skip link both hand the focus to it.

const LISTS = ['sessions-table', 'search-results', 'inbox-grid'].map((id) => `[data-testid="${id}"]`).join(', ');

/** Moves the focus to the list on screen; false when there is none. */
export function focusList(): boolean {
  const list = document.querySelector<HTMLElement>(LISTS);
  list?.focus();
  return list !== null;
}
