// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import en from './locales/en';
import es from './locales/es';
import fr from './locales/fr';
import pt from './locales/pt';
import { createI18n, pickLanguage } from '.';
import { renderApp, cleanUpAfterEachTest } from '../test/render-app';

cleanUpAfterEachTest();

type Tree = { [k: string]: string | Tree };
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

describe('i18n', () => {
  it('follows the OS language, falling back to English', () => {
    expect(pickLanguage(['fr-FR'])).toBe('fr');
    expect(pickLanguage(['pt-BR', 'en'])).toBe('pt');
    expect(pickLanguage(['es_419'])).toBe('es');
    expect(pickLanguage(['de-DE', 'ja'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('has every English key in every language', () => {
    const reference = keys(en as unknown as Tree).sort();
    for (const messages of [fr, es, pt]) expect(keys(messages as unknown as Tree).sort()).toEqual(reference);
  });

  it('uses plurals', () => {
    const i18n = createI18n('fr');
    expect(i18n.t('sidebar.total', { count: 1 })).toBe('1 session');
    expect(i18n.t('sidebar.problemsCount', { count: 3 })).toBe('3 fichiers illisibles');
    expect(i18n.t('sidebar.problemsCount', { count: 1_000_000 })).toBe('1000000 fichiers illisibles');
    expect(createI18n('en').t('toast.deletedMany', { count: 2 })).toBe('Moved 2 sessions to the trash.');
  });

  it('renders the UI in French for fr-FR', async () => {
    await renderApp({ lang: pickLanguage(['fr-FR']) });
    expect(screen.getByRole('button', { name: 'Appareil' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Modifié' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Ouvrir un dossier/ })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
  });
});
