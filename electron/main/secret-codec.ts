// The desktop SecretCodec: the push secret is encrypted with the OS keychain
// through Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
// libsecret/kwallet on Linux), with the asynchronous API: the synchronous one
// is deprecated in Electron 45, and a Keychain prompt must never block the main
// process. Type-only import: loading this module does not load Electron.
//
// On Linux without a keyring, safeStorage falls back to a hard-coded key
// ("basic_text"), which is plain text in all but name: we refuse to store then.

import type { SafeStorage } from 'electron';
import type { SecretCodec } from '../engine/push/types';

export type AsyncSafeStorage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

function usesPlainTextFallback(safeStorage: AsyncSafeStorage): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const backend = safeStorage.getSelectedStorageBackend();
    return backend === 'basic_text' || backend === 'unknown';
  } catch {
    return true;
  }
}

export function createSafeStorageCodec(safeStorage: AsyncSafeStorage): SecretCodec {
  const isAvailable = async (): Promise<boolean> => {
    try {
      return (await safeStorage.isAsyncEncryptionAvailable()) && !usesPlainTextFallback(safeStorage);
    } catch {
      return false;
    }
  };
  return {
    isAvailable,
    async encrypt(plain) {
      if (!(await isAvailable())) throw new Error('no OS keychain is available to encrypt the secret');
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    async decrypt(b64) {
      // Decrypting still works with what we stored, even if the backend changed since.
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(b64, 'base64'));
      return { value: result, shouldReEncrypt };
    },
  };
}
