// Browser mode's language choice (the desktop app has it in its View menu, where a
// change restarts the window): switches at once and is remembered by this browser.

import { useTranslation } from 'react-i18next';
import { UI_LANGUAGE_NAMES } from '../../../shared/ui-languages';
import { LANGUAGES, switchLanguage, type Language } from '../i18n';

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const current = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
  return (
    <select
      className="statusbar__select"
      aria-label={t('status_bar.language')}
      title={t('status_bar.language')}
      data-testid="language-picker"
      value={current}
      onChange={(e) => void switchLanguage(i18n, e.target.value as Language)}
    >
      {LANGUAGES.map((lng) => (
        <option key={lng} value={lng} lang={lng}>
          {UI_LANGUAGE_NAMES[lng]}
        </option>
      ))}
    </select>
  );
}
