// Search everywhere: where the search box looks (this app, or every app of every open
// folder) and the engine's answer for the current words (SessionApi.searchSessions).
// The table's own search stays local and instant; this one asks the engine, which
// holds every app in memory, so it finds a device whose app is not even loaded here.

import { create } from 'zustand';
import type { SessionSearchResult } from '../../../../shared/types';
import { api, t } from '../../controller/context';
import { describeError } from '../../lib/errors';

export type SearchScope = 'app' | 'all';

/** Matches listed at once; the header says how many more there are. */
export const SEARCH_HITS = 100;

interface SearchScopeStore {
  scope: SearchScope;
  /** The words the result answers (a slower older answer never replaces a newer one). */
  query: string;
  result: SessionSearchResult | null;
  error: string | null;
}

export const useSearchScope = create<SearchScopeStore>(() => ({ scope: 'app', query: '', result: null, error: null }));

export function setSearchScope(scope: SearchScope): void {
  useSearchScope.setState({ scope });
}

let asked = 0;

/** Asks the engine for the matches of `query` in every app; the last question wins. */
export async function searchEverywhere(query: string): Promise<void> {
  const mine = ++asked;
  const words = query.trim();
  if (!words) {
    useSearchScope.setState({ query: '', result: null, error: null });
    return;
  }
  try {
    const result = await api().searchSessions(words, SEARCH_HITS);
    if (mine === asked) useSearchScope.setState({ query: words, result, error: null });
  } catch (err) {
    if (mine === asked) useSearchScope.setState({ query: words, result: null, error: describeError(t, err) });
  }
}
