// @vitest-environment jsdom
// Browser mode can change the language (the desktop app has its View menu): at once, and
// remembered by this browser for the next visit.

import { act, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n, savedLanguage } from '../i18n';
import { LanguagePicker } from './LanguagePicker';

afterEach(() => localStorage.clear());

describe('LanguagePicker', () => {
  it('switches the language at once and remembers it', async () => {
    const i18n = createI18n('en');
    render(
      <I18nextProvider i18n={i18n}>
        <LanguagePicker />
      </I18nextProvider>,
    );
    const picker = screen.getByTestId('language-picker');
    expect(picker.getAttribute('aria-label')).toBe('Language');
    await act(async () => {
      fireEvent.change(picker, { target: { value: 'fr' } });
    });
    expect(i18n.language).toBe('fr');
    expect(screen.getByTestId('language-picker').getAttribute('aria-label')).toBe('Langue');
    expect(document.documentElement.lang).toBe('fr');
    expect(savedLanguage()).toBe('fr');
    expect(createI18n().language).toBe('fr'); // the next visit starts in French
  });

  it('ignores a stored value that is not a language of the app', () => {
    localStorage.setItem('msm-language', 'xx');
    expect(savedLanguage()).toBeNull();
  });
});
