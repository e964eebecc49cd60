import { describe, expect, it, vi } from 'vitest';
import { absoluteTime, formatCount, osShortLabel, relativeTime } from './format';

const NOW = Date.UTC(2025, 1, 14, 10, 0, 0);
const DAY = 24 * 3600_000;

describe('relativeTime', () => {
  it('spells months and years out, so they cannot be read as minutes', () => {
    expect(relativeTime(NOW - 61 * DAY, NOW, 'es', 'ahora')).toBe('hace 2 meses');
    expect(relativeTime(NOW - 61 * DAY, NOW, 'fr', 'maintenant')).toBe('il y a 2 mois');
    expect(relativeTime(NOW - 6 * 60_000, NOW, 'es', 'ahora')).toBe('hace 6 min');
    expect(relativeTime(NOW - 400 * DAY, NOW, 'fr', 'maintenant')).toBe('il y a 1 an');
  });

  it('says "just now" under a minute', () => {
    expect(relativeTime(NOW - 20_000, NOW, 'en', 'just now')).toBe('just now');
  });
});

describe('osShortLabel', () => {
  it('names the Android release, not the API level', () => {
    expect(osShortLabel({ os: 'Android', osVersion: '34 (Android 14)' })).toBe('Android 14');
    expect(osShortLabel({ os: 'iPadOS', osVersion: '17.4' })).toBe('iPadOS 17.4');
    expect(osShortLabel({ os: 'Android', osVersion: '14' })).toBe('Android 14');
  });
});

describe('absoluteTime', () => {
  it('says what toLocaleString says, with one formatter per language (not one per row rendered)', () => {
    const times = [NOW, NOW - 400 * DAY, 0, Date.UTC(2024, 1, 29, 23, 59, 59)];
    const expected = ['en', 'fr', 'es', 'pt'].flatMap((lang) =>
      times.map((ms) => new Date(ms).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'medium' })),
    );
    const perCall = vi.spyOn(Date.prototype, 'toLocaleString');
    try {
      const got = ['en', 'fr', 'es', 'pt'].flatMap((lang) => times.map((ms) => absoluteTime(ms, lang)));
      expect(got).toEqual(expected);
      expect(perCall).not.toHaveBeenCalled();
    } finally {
      perCall.mockRestore();
    }
    expect(absoluteTime(NaN, 'en')).toBe(new Date(NaN).toLocaleString('en'));
  });
});

describe('formatCount', () => {
  it('groups thousands the way the language does', () => {
    expect(formatCount(1454, 'en')).toBe('1,454');
    expect(formatCount(1454, 'fr')).toBe((1454).toLocaleString('fr'));
    expect(formatCount(20_000, 'pt')).toBe((20_000).toLocaleString('pt'));
  });
});
