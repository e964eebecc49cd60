import { describe, expect, it } from 'vitest';
import { osShortLabel, relativeTime } from './format';

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
