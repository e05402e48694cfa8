// SecretBox on Electron's safeStorage. Call backend() only after app 'ready' (isEncryptionAvailable needs it).
import { safeStorage } from 'electron';
import type { SecretBackend } from '../../shared/settings-schema';
import type { SecretBox } from './secret-box';

export function createSafeStorageBox(platform: NodeJS.Platform = process.platform): SecretBox {
  return {
    backend(): SecretBackend {
      if (!safeStorage.isEncryptionAvailable()) return 'unavailable';
      // On Linux without a keyring, safeStorage falls back to a hard-coded password: no real protection.
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'basic_text';
      return 'keychain';
    },
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (data) => safeStorage.decryptString(Buffer.from(data, 'base64')),
  };
}
