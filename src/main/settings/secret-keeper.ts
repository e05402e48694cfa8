// Where each profile's secret lives, given what the system can do:
// - keychain: encrypted with the OS-backed key and written to the settings file;
// - basic_text (Linux with no keyring): safeStorage would "encrypt" with a hard-coded key, which protects nothing,
//   so the secret stays in memory for this session only, unless the user explicitly opted in to weak storage;
// - unavailable: in memory for this session only.
// Decrypted secrets are cached in memory so that safeStorage (which may prompt for the keychain) is asked once.
import type { SecretKeeping } from '../../shared/settings-schema';
import type { SecretBox } from './secret-box';
import type { StoredSecret } from './settings-file';

export interface SecretKeeper {
  /** Takes a new secret for a profile; returns what goes into the file. */
  keep(profileId: string, plain: string): StoredSecret;
  /** The secret, or undefined when none is set (or it could not be decrypted). */
  reveal(profileId: string, stored: StoredSecret): string | undefined;
  forget(profileId: string): void;
  /** How the secret is kept, as the settings view reports it ('none' when there is none to use). */
  keeping(profileId: string, stored: StoredSecret): SecretKeeping;
  /** Decrypts what the file holds; returns the profile ids whose secret could not be decrypted. */
  unlock(profiles: { id: string; secret: StoredSecret }[]): string[];
  /** Re-stores a secret after the weak-storage choice changed; returns the new file entry. */
  restore(profileId: string, stored: StoredSecret): StoredSecret;
}

export function createSecretKeeper(box: SecretBox, allowWeak: () => boolean): SecretKeeper {
  const inMemory = new Map<string, string>();
  const unreadable = new Set<string>();

  const keep = (profileId: string, plain: string): StoredSecret => {
    inMemory.set(profileId, plain);
    unreadable.delete(profileId);
    const backend = box.backend();
    if (backend === 'keychain') return { kind: 'keychain', data: box.encrypt(plain) };
    if (backend === 'basic_text' && allowWeak()) return { kind: 'weak', data: box.encrypt(plain) };
    return { kind: 'session' };
  };

  const reveal = (profileId: string, stored: StoredSecret): string | undefined => {
    const cached = inMemory.get(profileId);
    if (cached !== undefined) return cached;
    if ((stored.kind === 'keychain' || stored.kind === 'weak') && !unreadable.has(profileId)) {
      try {
        const plain = box.decrypt(stored.data);
        inMemory.set(profileId, plain);
        return plain;
      } catch {
        unreadable.add(profileId);
      }
    }
    return undefined;
  };

  return {
    keep,
    reveal,
    forget(profileId) {
      inMemory.delete(profileId);
      unreadable.delete(profileId);
    },
    keeping(profileId, stored) {
      if (stored.kind === 'none') return 'none';
      if (stored.kind === 'session') return inMemory.has(profileId) ? 'session' : 'none';
      if (unreadable.has(profileId)) return 'none';
      return stored.kind;
    },
    unlock(profiles) {
      const failed: string[] = [];
      if (box.backend() === 'unavailable') {
        for (const p of profiles) if (p.secret.kind === 'keychain' || p.secret.kind === 'weak') failed.push(p.id);
        failed.forEach((id) => unreadable.add(id));
        return failed;
      }
      for (const p of profiles) {
        if (p.secret.kind !== 'keychain' && p.secret.kind !== 'weak') continue;
        if (reveal(p.id, p.secret) === undefined) failed.push(p.id);
      }
      return failed;
    },
    restore(profileId, stored) {
      const plain = reveal(profileId, stored);
      if (plain === undefined) return stored.kind === 'session' ? { kind: 'none' } : stored;
      return keep(profileId, plain);
    },
  };
}
