// French typography: a non-breaking space before ":", ";", "?", "!" and "»", and after "«",
// so the sign never starts a line ("Échec du Push :", not "Échec du Push:").
import { describe, expect, it } from 'vitest';
import { createI18n } from '..';
import fr from './fr';

type Tree = { [k: string]: string | Tree };
function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );
}

/** Non-breaking spaces: U+00A0, or the narrow U+202F. */
const NBSP = '[\\u00a0\\u202f]';

describe('French locale typography', () => {
  const messages = entries(fr as unknown as Tree).map(
    ([key, text]) => [key, text.replace(/\{\{[^}]*\}\}/g, 'X')] as [string, string],
  );

  it('puts a non-breaking space before : ; ? ! »', () => {
    // The sign as punctuation: followed by a space or the end ("http://" and "10:30" are not).
    const missing = new RegExp(`(?<!${NBSP})[:;?!»](?=[\\s.,)]|$)`);
    expect(messages.filter(([, text]) => missing.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('puts a non-breaking space after «', () => {
    expect(messages.filter(([, text]) => new RegExp(`«(?!${NBSP})`).test(text)).map(([key]) => key)).toEqual([]);
  });

  it('writes "Échec du Push : …" with the space kept to the word', () => {
    const t = createI18n('fr').t;
    expect(t('errors.push-failed', { message: 'délai dépassé' })).toBe('Échec du Push\u00a0: délai dépassé');
    expect(t('app.labelValue', { label: 'Statut', value: 'Accepté' })).toBe('Statut\u00a0: Accepté');
  });
});
