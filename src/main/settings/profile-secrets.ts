// A profile's two write-only values, the secret access key and the access key's session token, and the rules they
// share: each is kept by the SecretKeeper (encrypted by the SecretBox, or for this session only), neither ever reaches
// the renderer, and neither follows the profile to another server (scheme, host or port) unless typed again there:
// a session token travels in a header of every request, so it would leak as surely as a signature would.
import { sameEndpointServer } from '../../shared/endpoint-identity';
import { credentialSourceOf, type ProfileInput, type SecretKeeping } from '../../shared/settings-schema';
import { IpcError } from '../ipc/errors';
import type { SecretKeeper } from './secret-keeper';
import type { StoredProfile, StoredSecret } from './settings-file';

/** The two values, by the field name the settings form uses for each. */
type Slot = 'secret' | 'sessionToken';
const SLOTS: readonly Slot[] = ['secret', 'sessionToken'];

/** The keeper holds values by a string; the token's is the profile id with a suffix no profile id can have. */
function keeperId(profileId: string, slot: Slot): string {
  return slot === 'secret' ? profileId : `${profileId}/session-token`;
}

/** Why a value is asked for again, as the settings form reads it ("secret: v.secretAgain"; profile-draft.ts). */
const AGAIN: Record<Slot, string> = {
  secret:
    'secret: v.secretAgain (the endpoint now names another server; type the secret access key again to use it there)',
  sessionToken:
    'sessionToken: v.sessionTokenAgain (the endpoint now names another server; type the session token again to use it there)',
};

export interface PlainKeys {
  secret?: string;
  sessionToken?: string;
}

type Fields = Pick<StoredProfile, 'endpointUrl' | 'accessKeyId' | 'credentialSource'>;

export interface ProfileSecrets {
  /** What the view tells the renderer: whether each is set, and how the secret is kept. Never a value. */
  status(p: StoredProfile): { secretSet: boolean; secretKept: SecretKeeping; sessionTokenSet: boolean };
  /** The plain values of a saved profile (undefined where none is kept). */
  reveal(p: StoredProfile): PlainKeys;
  /**
   * What a saved form leaves in the file for profile `id`. Refuses (IpcError naming the fields) when a kept value would
   * sign requests to another server than the one it was typed for.
   */
  afterSave(existing: StoredProfile | undefined, id: string, input: ProfileInput): Pick<StoredProfile, Slot>;
  /** The values Test connection uses for a form, saved or not; the same refusal as afterSave. */
  forTest(saved: StoredProfile | undefined, input: ProfileInput): PlainKeys;
  forget(profileId: string): void;
  /** Decrypts the file's values; returns the ids of the profiles with one that could not be decrypted. */
  unlock(profiles: StoredProfile[]): string[];
  /** Re-stores both after the weak-storage choice changed. */
  restore(p: StoredProfile): Pick<StoredProfile, Slot>;
}

/** Whether the form's fields would sign with the access key (so a kept secret or token would be sent). */
function usesAccessKey(fields: Fields): boolean {
  return credentialSourceOf(fields).kind === 'access-key' && fields.accessKeyId !== '';
}

function typed(input: ProfileInput, slot: Slot): string | undefined {
  const value = input[slot];
  return value !== undefined && value !== '' ? value : undefined;
}

function cleared(input: ProfileInput, slot: Slot): boolean {
  return (slot === 'secret' ? input.clearSecret : input.clearSessionToken) === true;
}

function refusal(slots: Slot[]): IpcError {
  return new IpcError('invalid-profile', slots.map((slot) => AGAIN[slot]).join('; '));
}

export function createProfileSecrets(keeper: SecretKeeper): ProfileSecrets {
  const kept = (p: StoredProfile, slot: Slot) => keeper.keeping(keeperId(p.id, slot), p[slot]) !== 'none';

  return {
    status(p) {
      const secretKept = keeper.keeping(p.id, p.secret);
      return { secretSet: secretKept !== 'none', secretKept, sessionTokenSet: kept(p, 'sessionToken') };
    },

    reveal(p) {
      const keys: PlainKeys = {};
      for (const slot of SLOTS) {
        const plain = keeper.reveal(keeperId(p.id, slot), p[slot]);
        if (plain !== undefined) keys[slot] = plain;
      }
      return keys;
    },

    afterSave(existing, id, input) {
      const stored: Record<Slot, StoredSecret> = {
        secret: existing?.secret ?? { kind: 'none' },
        sessionToken: existing?.sessionToken ?? { kind: 'none' },
      };
      const moved = existing && !sameEndpointServer(existing.endpointUrl, input.endpointUrl) ? existing : undefined;
      const refused: Slot[] = [];
      for (const slot of SLOTS) {
        if (!moved || typed(input, slot) !== undefined || cleared(input, slot)) continue;
        if (usesAccessKey(input) && kept(moved, slot)) refused.push(slot);
        else {
          // Nothing would sign with it now, but it must not come back for the new server if a key ID is added later.
          keeper.forget(keeperId(id, slot));
          stored[slot] = { kind: 'none' };
        }
      }
      if (refused.length > 0) throw refusal(refused);
      for (const slot of SLOTS) {
        if (cleared(input, slot)) {
          keeper.forget(keeperId(id, slot));
          stored[slot] = { kind: 'none' };
        }
        const plain = typed(input, slot);
        if (plain !== undefined) stored[slot] = keeper.keep(keeperId(id, slot), plain);
      }
      return stored;
    },

    forTest(saved, input) {
      const keys: PlainKeys = {};
      const refused: Slot[] = [];
      for (const slot of SLOTS) {
        const plain = typed(input, slot);
        if (plain !== undefined) keys[slot] = plain;
        else if (saved && !cleared(input, slot)) {
          if (sameEndpointServer(saved.endpointUrl, input.endpointUrl)) {
            const revealed = keeper.reveal(keeperId(saved.id, slot), saved[slot]);
            if (revealed !== undefined) keys[slot] = revealed;
          } else if (usesAccessKey(input) && kept(saved, slot)) refused.push(slot);
        }
      }
      if (refused.length > 0) throw refusal(refused);
      return keys;
    },

    forget(profileId) {
      for (const slot of SLOTS) keeper.forget(keeperId(profileId, slot));
    },

    unlock(profiles) {
      const failed = new Set<string>();
      for (const slot of SLOTS) {
        const entries = profiles.map((p) => ({ id: keeperId(p.id, slot), secret: p[slot], profileId: p.id }));
        const unreadable = new Set(keeper.unlock(entries));
        for (const entry of entries) if (unreadable.has(entry.id)) failed.add(entry.profileId);
      }
      return [...failed];
    },

    restore(p) {
      return {
        secret: keeper.restore(keeperId(p.id, 'secret'), p.secret),
        sessionToken: keeper.restore(keeperId(p.id, 'sessionToken'), p.sessionToken),
      };
    },
  };
}
