// The interface languages, with their names as each language writes itself: the
// desktop View menu, the settings file's schema and browser mode's language menu
// all list these. Pure: no DOM, no Node.

export const UI_LANGUAGES = ['en', 'fr', 'es', 'pt'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const UI_LANGUAGE_NAMES: Record<UiLanguage, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
};
