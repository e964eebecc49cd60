// The desktop SecretCodec: the push secret is encrypted with the OS keychain
// through Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
// libsecret/kwallet on Linux). Type-only import: loading this module does not
// load Electron, so it can be unit-tested with a stub.
//
// On Linux without a keyring, safeStorage falls back to a hard-coded key
// ("basic_text"), which is plain text in all but name: we refuse to store then.

import type { SafeStorage } from 'electron';
import type { SecretCodec } from '../engine/push/types';

function usesPlainTextFallback(safeStorage: SafeStorage): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const backend = safeStorage.getSelectedStorageBackend();
    return backend === 'basic_text' || backend === 'unknown';
  } catch {
    return true;
  }
}

export function createSafeStorageCodec(safeStorage: SafeStorage): SecretCodec {
  const isAvailable = (): boolean => {
    try {
      return safeStorage.isEncryptionAvailable() && !usesPlainTextFallback(safeStorage);
    } catch {
      return false;
    }
  };
  return {
    isAvailable,
    encrypt(plain) {
      if (!isAvailable()) {
        throw new Error('no OS keychain is available to encrypt the secret');
      }
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt(b64) {
      // Decrypting still works with what we stored, even if the backend changed since.
      return safeStorage.decryptString(Buffer.from(b64, 'base64'));
    },
  };
}
