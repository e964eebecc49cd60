import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appearanceMenu, savedLanguage } from './appearance';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dataDir(settings?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'msm-appearance-'));
  dirs.push(dir);
  if (settings !== undefined) writeFileSync(join(dir, 'settings.json'), settings);
  return dir;
}

describe('savedLanguage', () => {
  it('reads the saved language', () => {
    expect(savedLanguage(dataDir(JSON.stringify({ language: 'fr' })))).toBe('fr');
  });

  it('follows the system when there is no file, a corrupt file or an unknown value', () => {
    expect(savedLanguage(dataDir())).toBe('system');
    expect(savedLanguage(dataDir('{not json'))).toBe('system');
    expect(savedLanguage(dataDir(JSON.stringify({ language: 'de' })))).toBe('system');
    expect(savedLanguage(dataDir('null'))).toBe('system');
  });
});

describe('appearanceMenu', () => {
  it('checks the current choices and reports clicks', () => {
    const picked: string[] = [];
    const [theme, language] = appearanceMenu({
      theme: 'light',
      language: 'pt',
      setTheme: (t) => picked.push(`theme:${t}`),
      setLanguage: (l) => picked.push(`language:${l}`),
    });
    const themes = theme!.submenu as { label: string; checked: boolean; click: () => void }[];
    const languages = language!.submenu as { label: string; checked: boolean; click: () => void }[];
    expect(themes.filter((t) => t.checked).map((t) => t.label)).toEqual(['Light']);
    expect(languages.filter((l) => l.checked).map((l) => l.label)).toEqual(['Português']);
    themes[2]!.click();
    languages[2]!.click();
    expect(picked).toEqual(['theme:dark', 'language:fr']);
  });
});
