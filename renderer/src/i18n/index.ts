// i18next set up from the OS/browser language: English, French, Spanish, Portuguese.

import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en';
import es from './locales/es';
import fr from './locales/fr';
import pt from './locales/pt';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/ui-languages';

export const LANGUAGES = UI_LANGUAGES;
export type Language = UiLanguage;

type Tree = { [key: string]: string | Tree };

/** French, Spanish and Portuguese have a "many" plural category (1 000 000); it reads like "other". */
function withMany(tree: Tree): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') {
      out[k] = v;
      if (k.endsWith('_other')) {
        const many = `${k.slice(0, -'_other'.length)}_many`;
        if (!(many in tree)) out[many] = v;
      }
    } else out[k] = withMany(v);
  }
  return out;
}

const resources = {
  en: { translation: withMany(en as unknown as Tree) },
  fr: { translation: withMany(fr as unknown as Tree) },
  es: { translation: withMany(es as unknown as Tree) },
  pt: { translation: withMany(pt as unknown as Tree) },
};

/** The first supported language among the user's preferences ("fr-FR" → "fr"), else English. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const hit = LANGUAGES.find((l) => l === base);
    if (hit) return hit;
  }
  return 'en';
}

export function navigatorLanguages(): string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? [...navigator.languages] : navigator.language ? [navigator.language] : [];
}

/** Where browser mode remembers the language picked in the status bar (the desktop app uses its View menu). */
const LANGUAGE_KEY = 'msm-language';

function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** The language picked in browser mode, if any (localStorage; absent or unreadable: null). */
export function savedLanguage(): Language | null {
  try {
    const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** Switches the UI language at once and remembers it for this browser. */
export async function switchLanguage(i18n: I18n, lng: Language): Promise<void> {
  await i18n.changeLanguage(lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    // private mode or storage full: the choice lasts for this page only
  }
}

/** A ready i18next instance for the given language (synchronous: resources are bundled). */
export function createI18n(lng: Language = savedLanguage() ?? pickLanguage(navigatorLanguages())): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return instance;
}
