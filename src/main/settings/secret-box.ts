// How secrets are encrypted at rest. Electron's safeStorage in the app (safe-storage-box.ts); a fake in tests and in
// the E2E bridge. Plain interface, so the settings code runs under Node.
import type { SecretBackend } from '../../shared/settings-schema';

export interface SecretBox {
  /**
   * keychain: OS-backed (Keychain, DPAPI, libsecret/kwallet). basic_text: Linux without a keyring, where
   * safeStorage uses a hard-coded key (no real protection). unavailable: cannot encrypt at all.
   */
  backend(): SecretBackend;
  /** Ciphertext as base64. */
  encrypt(plain: string): string;
  decrypt(data: string): string;
}
