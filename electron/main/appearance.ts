// Theme and language overrides (View menu), kept in settings.json. The theme
// applies at once through nativeTheme.themeSource, which the page sees as
// prefers-color-scheme. The language is Chromium's --lang switch, which the page
// sees as navigator.language; it can only be set before the app is ready, so
// it is read synchronously at start-up and a change asks for a restart.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { Settings } from '../engine/settings/settings-store';
import { UI_LANGUAGE_NAMES, UI_LANGUAGES } from '../../shared/ui-languages';

export type ThemeChoice = Settings['theme'];
export type LanguageChoice = Settings['language'];

const THEMES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Follow System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const LANGUAGES: readonly { value: LanguageChoice; label: string }[] = [
  { value: 'system', label: 'Follow System' },
  ...UI_LANGUAGES.map((value) => ({ value, label: UI_LANGUAGE_NAMES[value] })),
];

/**
 * The saved language, read before the settings store is open (the --lang switch
 * must be set before 'ready'). Anything unexpected means "follow the system".
 */
export function savedLanguage(dataDir: string): LanguageChoice {
  try {
    const raw: unknown = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    const language = (raw as { language?: unknown } | null)?.language;
    return LANGUAGES.some((l) => l.value === language) ? (language as LanguageChoice) : 'system';
  } catch {
    return 'system';
  }
}

export interface AppearanceHooks {
  theme: ThemeChoice;
  language: LanguageChoice;
  setTheme(theme: ThemeChoice): void;
  setLanguage(language: LanguageChoice): void;
}

export function appearanceMenu(hooks: AppearanceHooks): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Theme',
      submenu: THEMES.map((t) => ({
        label: t.label,
        type: 'radio' as const,
        checked: hooks.theme === t.value,
        click: () => hooks.setTheme(t.value),
      })),
    },
    {
      label: 'Language',
      submenu: LANGUAGES.map((l) => ({
        label: l.label,
        type: 'radio' as const,
        checked: hooks.language === l.value,
        click: () => hooks.setLanguage(l.value),
      })),
    },
  ];
}
