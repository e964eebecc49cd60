// Search across every app of a folder: an admin who gets a call from a user types
// a name or an e-mail without knowing which app the device is in. Runs over the
// in-memory index with the same words-in-any-order rule as the table's search box
// (shared/session-filter.ts), so "found here" and "found in the table" agree; the
// search text of each record is cached per record object, so 100k rows stay fast.

import { searchTerms, searchTextOf } from '../../../shared/session-filter';
import type { SessionRecord, SessionSearchHit, SessionSearchResult } from '../../../shared/types';
import { newestFirst } from './pending-list';

export interface SearchableApp {
  readonly folder: string;
  readonly sessions: ReadonlyMap<string, SessionRecord>;
}

/** Most matches one call returns (the API's limit is validated against it too). */
export const SEARCH_LIMIT_MAX = 500;

/** Every record of `apps` whose search text holds every word of `query`, newest first, at most `limit`. */
export function searchApps(
  apps: Iterable<SearchableApp>,
  query: string,
  limit: number,
  appName: (folder: string) => string,
): SessionSearchResult {
  const terms = searchTerms(query);
  if (terms.length === 0) return { hits: [], total: 0 };
  const matches: SessionRecord[] = [];
  for (const app of apps) {
    for (const record of app.sessions.values()) {
      const text = searchTextOf(record);
      if (terms.every((term) => text.includes(term))) matches.push(record);
    }
  }
  matches.sort(newestFirst);
  const names = new Map<string, string>();
  const hits: SessionSearchHit[] = matches.slice(0, Math.max(0, limit)).map((record) => {
    let name = names.get(record.app);
    if (name === undefined) {
      name = appName(record.app);
      names.set(record.app, name);
    }
    return { record, appName: name };
  });
  return { hits, total: matches.length };
}

/** Merges the results of several open folders (each hit tagged with its folder id), newest first. */
export function mergeSearchResults(
  lists: { folder: string; result: SessionSearchResult }[],
  limit: number,
): SessionSearchResult {
  const hits = lists.flatMap(({ folder, result }) =>
    result.hits.map((h) => ({ record: { ...h.record, folder }, appName: h.appName })),
  );
  hits.sort((a, b) => newestFirst(a.record, b.record));
  return { hits: hits.slice(0, limit), total: lists.reduce((n, l) => n + l.result.total, 0) };
}
