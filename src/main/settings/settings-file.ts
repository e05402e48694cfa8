// The settings file on disk: its schema, reading it and writing it atomically. A file that cannot be understood is
// moved aside (never over an earlier backup) and the app starts with defaults; a file that exists but cannot be read,
// or cannot be moved aside, is left where it is, and the store must not write over it (settings-store.ts).
import { lstat, readFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import {
  checkRegion,
  idSchema,
  languageSchema,
  profileFieldsShape,
  targetChoiceSchema,
} from '../../shared/settings-schema';
import { writeFileAtomic } from './atomic-write';

/** How a secret is on disk. 'session': one was given, but only kept in memory (it is gone after a restart). */
export const storedSecretSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('keychain'), data: z.string().min(1) }),
  z.object({ kind: z.literal('weak'), data: z.string().min(1) }),
  z.object({ kind: z.literal('session') }),
]);
export type StoredSecret = z.infer<typeof storedSecretSchema>;

export const storedProfileSchema = z
  .object({
    id: idSchema,
    ...profileFieldsShape,
    secret: storedSecretSchema,
    /** The access key's session token, kept as the secret is; files from before it have none. */
    sessionToken: storedSecretSchema.default({ kind: 'none' }),
  })
  .superRefine(checkRegion);
export type StoredProfile = z.infer<typeof storedProfileSchema>;

export const settingsFileSchema = z.object({
  version: z.literal(1),
  profiles: z.array(storedProfileSchema),
  activeTarget: targetChoiceSchema.nullable(),
  language: languageSchema,
  /** The user's explicit opt-in to keep secrets on disk with weak protection (Linux basic_text). */
  allowWeakSecretStorage: z.boolean(),
});
export type SettingsFile = z.infer<typeof settingsFileSchema>;

export function defaultSettings(): SettingsFile {
  return { version: 1, profiles: [], activeTarget: null, language: 'system', allowWeakSecretStorage: false };
}

export type LoadOutcome =
  | { kind: 'ok'; settings: SettingsFile }
  | { kind: 'missing'; settings: SettingsFile }
  /** Unparseable or invalid: moved to movedTo (a file name in the same folder). */
  | { kind: 'corrupt'; settings: SettingsFile; movedTo: string; reason: string }
  /**
   * Exists but could not be read (permissions; on Windows a lock by an antivirus or a sync app; I/O): left where it is.
   * Nothing may be written over it this session: it holds the profiles and secrets the defaults lack.
   */
  | { kind: 'unreadable'; settings: SettingsFile; reason: string }
  /** Unparseable or invalid, and could not be moved aside either (moveError): left where it is, not to be written over. */
  | { kind: 'corrupt-unmoved'; settings: SettingsFile; reason: string; moveError: string };

/** Whether the store may write the settings file after this outcome: not over one it could neither read nor move. */
export function mayWriteAfter(
  outcome: LoadOutcome,
): outcome is Extract<LoadOutcome, { kind: 'ok' | 'missing' | 'corrupt' }> {
  return outcome.kind === 'ok' || outcome.kind === 'missing' || outcome.kind === 'corrupt';
}

/** 2025-01-31T10-20-30-000Z: sortable and valid in file names on every OS. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

export async function loadSettingsFile(path: string, now: () => Date = () => new Date()): Promise<LoadOutcome> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing', settings: defaultSettings() };
    return { kind: 'unreadable', settings: defaultSettings(), reason: (error as Error).message };
  }
  let reason: string;
  try {
    const parsed = settingsFileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'ok', settings: parsed.data };
    reason = z.prettifyError(parsed.error);
  } catch (error) {
    reason = (error as Error).message;
  }
  let aside: string;
  try {
    aside = await freeName(`${path}.corrupt-${stamp(now())}`);
    await rename(path, aside);
  } catch (error) {
    return { kind: 'corrupt-unmoved', settings: defaultSettings(), reason, moveError: (error as Error).message };
  }
  return { kind: 'corrupt', settings: defaultSettings(), movedTo: basename(aside), reason };
}

/**
 * name, or name-2, name-3, …: the first that is not there, so that a backup never replaces an earlier one (rename
 * replaces a file silently on POSIX). A name lstat cannot look at (not there, or another error) is taken: an error is
 * then the rename's to meet.
 */
async function freeName(name: string): Promise<string> {
  for (let n = 1; n <= 100; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    try {
      await lstat(candidate);
    } catch {
      return candidate;
    }
  }
  throw new Error(`${basename(name)}: 100 backups of that name already exist`);
}

export async function saveSettingsFile(path: string, settings: SettingsFile): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(settings, null, 2)}\n`);
}
