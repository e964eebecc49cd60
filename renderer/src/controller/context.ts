// The client and translator the actions use. Bound once at start (and by tests),
// so actions can be plain functions callable from components, shortcuts and menus.

import type { i18n as I18n, TFunction } from 'i18next';
import type { SessionClient } from '../../../shared/api';

let client: SessionClient | null = null;
let i18n: I18n | null = null;

export function bindContext(c: SessionClient, i: I18n): void {
  client = c;
  i18n = i;
}

export function api(): SessionClient {
  if (!client) throw new Error('No SessionClient bound: call bindContext() first.');
  return client;
}

export const t: TFunction = ((...args: Parameters<TFunction>) => {
  if (!i18n) return String(args[0]);
  return (i18n.t as unknown as (...a: unknown[]) => string)(...args);
}) as TFunction;

export function language(): string {
  return i18n?.language ?? 'en';
}
