// Shared by the push tests: a settings store in a temp folder and a fake keychain.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsStore } from '../settings/settings-store';
import type { SecretCodec } from '../push/types';

/** Reversible, clearly not plain text; `available` toggles like a missing keyring. */
export function fakeCodec(available = true): SecretCodec & { available: boolean } {
  const codec = {
    available,
    isAvailable: async () => codec.available,
    encrypt: async (plain: string) => {
      if (!codec.available) throw new Error('keychain unavailable');
      return Buffer.from(`enc:${[...plain].reverse().join('')}`).toString('base64');
    },
    decrypt: async (b64: string) => {
      const text = Buffer.from(b64, 'base64').toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('cannot decrypt');
      return { value: [...text.slice(4)].reverse().join(''), shouldReEncrypt: false };
    },
  };
  return codec;
}

export async function tempSettings(): Promise<{ store: SettingsStore; dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'msm-push-'));
  const { store } = await SettingsStore.open(dir);
  return { store, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
