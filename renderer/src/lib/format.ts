// Display formats shared by the table, details panel and problems view.

import type { SessionRecord } from '../../../shared/types';

/** "::ffff:192.168.5.4" (IPv4-mapped IPv6, as 4D records it) shown as "192.168.5.4". */
export function ipLabel(ip: string): string {
  return ip.toLowerCase().startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

/** "iPadOS 17.4", "Android 34 (Android 14)". */
export function osLabel(r: Pick<SessionRecord, 'os' | 'osVersion'>): string {
  return `${r.os} ${r.osVersion}`.trim();
}

/** For narrow columns: "Android 14" from Android's "34 (Android 14)" (API level, then release); others as osLabel. */
export function osShortLabel(r: Pick<SessionRecord, 'os' | 'osVersion'>): string {
  const release = /^\d+\s*\(Android\s+([\d.]+)\)$/i.exec(r.osVersion.trim());
  return release ? `Android ${release[1]}` : osLabel(r);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

const rtfCache = new Map<string, Intl.RelativeTimeFormat>();

/** Months and years are spelled out: the short forms read "hace 2 m" / "il y a 2 m." next to "hace 6 min". */
const SPELLED_OUT: ReadonlySet<Intl.RelativeTimeFormatUnit> = new Set(['year', 'month']);

function formatter(lang: string, style: 'short' | 'long'): Intl.RelativeTimeFormat {
  const key = `${lang}|${style}`;
  let rtf = rtfCache.get(key);
  if (!rtf) {
    // numeric: 'always' keeps it short and regular ("il y a 1 mois", not "le mois dernier").
    rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'always', style });
    rtfCache.set(key, rtf);
  }
  return rtf;
}

/** "3 min. ago", "il y a 2 mois"; under a minute: the `justNow` text. */
export function relativeTime(ms: number, now: number, lang: string, justNow: string): string {
  const diff = ms - now;
  const abs = Math.abs(diff);
  for (const [unit, size] of UNITS) {
    if (abs >= size)
      return formatter(lang, SPELLED_OUT.has(unit) ? 'long' : 'short').format(Math.round(diff / size), unit);
  }
  return justNow;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();

/**
 * "1 Dec 2026, 19:33:05" in the language's format: `Date.toLocaleString(lang, options)`,
 * with one formatter per language (toLocaleString builds a new one on every call, which
 * costs about a millisecond in Chromium: a tooltip per visible row made that a long task).
 */
export function absoluteTime(ms: number, lang: string): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return 'Invalid Date'; // what toLocaleString says
  let dtf = dtfCache.get(lang);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
    dtfCache.set(lang, dtf);
  }
  return dtf.format(ms);
}

export function formatBytes(n: number, lang: string): string {
  if (n < 1024) return `${n.toLocaleString(lang)} B`;
  return `${(n / 1024).toLocaleString(lang, { maximumFractionDigits: 1 })} KB`;
}

const nfCache = new Map<string, Intl.NumberFormat>();

/** "1,454", "1 454": `n.toLocaleString(lang)`, with one formatter per language. */
export function formatCount(n: number, lang: string): string {
  let nf = nfCache.get(lang);
  if (!nf) {
    nf = new Intl.NumberFormat(lang);
    nfCache.set(lang, nf);
  }
  return nf.format(n);
}

export const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "⌘R" on a Mac, "Ctrl+R" elsewhere. */
export function shortcutLabel(key: string): string {
  return isMac ? `⌘${key}` : `Ctrl+${key}`;
}
