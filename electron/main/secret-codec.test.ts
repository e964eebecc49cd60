// The desktop secret codec over Electron's asynchronous safeStorage API
// (moved from the engine's tests: the codec is the shell's, not the engine's).
import { describe, expect, it } from 'vitest';
import { createSafeStorageCodec, type AsyncSafeStorage } from './secret-codec';

function stub(backend: string, available = true, shouldReEncrypt = false): AsyncSafeStorage {
  return {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend as ReturnType<AsyncSafeStorage['getSelectedStorageBackend']>,
    encryptStringAsync: async (s: string) => Buffer.from(`E(${s})`),
    decryptStringAsync: async (b: Buffer) => ({ result: b.toString().slice(2, -1), shouldReEncrypt }),
  };
}

describe('createSafeStorageCodec', () => {
  it('round-trips through safeStorage as base64', async () => {
    const codec = createSafeStorageCodec(stub('gnome_libsecret'));
    expect(await codec.isAvailable()).toBe(true);
    const enc = await codec.encrypt('secret');
    expect(enc).toBe(Buffer.from('E(secret)').toString('base64'));
    expect(await codec.decrypt(enc)).toEqual({ value: 'secret', shouldReEncrypt: false });
  });

  it('passes on the keychain asking to re-encrypt', async () => {
    const codec = createSafeStorageCodec(stub('gnome_libsecret', true, true));
    const enc = await codec.encrypt('secret');
    expect(await codec.decrypt(enc)).toEqual({ value: 'secret', shouldReEncrypt: true });
  });

  it.runIf(process.platform === 'linux')('refuses the Linux plain-text fallback (basic_text)', async () => {
    const codec = createSafeStorageCodec(stub('basic_text'));
    expect(await codec.isAvailable()).toBe(false);
    await expect(codec.encrypt('secret')).rejects.toThrow(/keychain/);
  });

  it('is unavailable when safeStorage says so', async () => {
    expect(await createSafeStorageCodec(stub('gnome_libsecret', false)).isAvailable()).toBe(false);
  });
});
