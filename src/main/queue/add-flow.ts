// Adding files to the queue, and retrying them, against the user's current profiles.
//
// Paths and a compromised page: paths reach this module only from queue:addDropped (filled by the preload from
// trusted drops, see src/preload/drop-gate.ts) and from main's own file dialog. The contract refuses paths anywhere
// else. Even so, a page that managed to send paths could point the upload at a bucket it controls, so main also
// refuses paths inside its own data folder (forbiddenRoots: the settings file, with the encrypted secrets) and
// anything that is not an absolute path (the schema). Each command also re-reads the target from main's settings:
// the page names a profile id, never an endpoint or keys.
//
// Existing keys: when keyExists is given, every planned key is checked first, and for each one that exists the user
// chooses overwrite, skip or keep both (optionally for the rest of the batch). Sources without any conflict go to
// the engine in one add; files of a source with conflicts go one by one with their exact key.
import { realpath } from 'node:fs/promises';
import { resolve as resolvePath, sep } from 'node:path';
import type { AddResult, UploadEngineApi } from '../../engine/types';
import type { AddSummary, ConflictChoice } from '../../shared/ipc';
import type { TargetChoice } from '../../shared/settings-schema';
import type { Target } from '../../shared/target';
import type { SettingsStore } from '../settings/settings-store';
import type { ConflictAsker } from './conflict-asker';
import { planUploads, withSuffix, type PlannedFile } from './plan';
import { mapLimit } from './map-limit';

export type KeyExists = (target: Target, key: string) => Promise<boolean>;

export interface AddFlowDeps {
  engine: Pick<UploadEngineApi, 'add' | 'retry' | 'get'>;
  settings: Pick<SettingsStore, 'resolveTarget' | 'endpointOf' | 'profile'>;
  asker: ConflictAsker;
  keyExists?: KeyExists;
  /** Folders whose contents are never uploaded (main's userData). */
  forbiddenRoots?: string[];
  /** HEAD requests in flight while checking for conflicts. */
  checkConcurrency?: number;
}

export interface AddFlow {
  add(paths: string[], choice: TargetChoice): Promise<AddSummary>;
  /** Retries with the profile as it is now (the user may have fixed it), same bucket choice and key. */
  retry(id: string): void;
  /** Cancel all: adds still checking keys or waiting for an answer add nothing more. */
  abortPending(): void;
}

/** Where an item came from, so that Retry can use the fixed profile. */
interface Origin {
  profileId: string;
  bucket: string;
  /** The item went to the profile's own bucket: a retry follows the profile if its bucket was changed. */
  followsProfile: boolean;
}

export function createAddFlow(deps: AddFlowDeps): AddFlow {
  const { engine, settings, asker, keyExists, checkConcurrency = 8 } = deps;
  const roots = (deps.forbiddenRoots ?? []).map((r) => resolvePath(r));
  const origins = new Map<string, Origin>();
  let epoch = 0;

  const inside = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
  const forbidden = async (path: string): Promise<boolean> => {
    const candidates = [resolvePath(path)];
    candidates.push(await realpath(path).catch(() => candidates[0] as string));
    return candidates.some((c) => roots.some((root) => inside(c, root)));
  };

  const record = (into: AddSummary, result: AddResult, origin: Origin) => {
    into.added += result.items.length;
    into.rejected.push(...result.rejected);
    for (const item of result.items) origins.set(item.id, origin);
  };

  /** A free "name (n).ext" key, also avoiding keys this batch will write. */
  const freeKey = async (target: Target, key: string, taken: Set<string>): Promise<string> => {
    for (let n = 1; n < 1000; n++) {
      const candidate = withSuffix(key, n);
      if (taken.has(candidate)) continue;
      if (!(await keyExists!(target, candidate))) return candidate;
    }
    return withSuffix(key, Date.now());
  };

  return {
    async add(paths, choice) {
      const started = epoch;
      const aborted = () => epoch !== started;
      const target = settings.resolveTarget(choice);
      const profile = settings.profile(choice.profileId);
      const origin: Origin = {
        profileId: choice.profileId,
        bucket: choice.bucket,
        followsProfile: profile?.bucket === choice.bucket,
      };
      const result: AddSummary = { added: 0, skipped: 0, renamed: 0, rejected: [] };
      const allowed: string[] = [];
      for (const path of paths) {
        if (await forbidden(path)) {
          result.rejected.push({ path, code: 'Forbidden', message: `${path} is Hoist's own data folder; it is not uploaded` });
        } else allowed.push(path);
      }
      if (allowed.length === 0) return result;
      if (!keyExists) {
        record(result, await engine.add(allowed, target), origin);
        return result;
      }

      const plan = await planUploads(allowed, target.prefix);
      const exists = await mapLimit(plan.files, checkConcurrency, (f) => keyExists(target, f.key).catch(() => false));
      const conflicted = plan.files.filter((_, i) => exists[i]);
      if (aborted()) {
        result.skipped += plan.files.length;
        return result;
      }
      if (conflicted.length === 0) {
        record(result, await engine.add(allowed, target), origin);
        return result;
      }

      const taken = new Set(plan.files.map((f) => f.key));
      const decided = new Map<PlannedFile, { choice: ConflictChoice; key: string }>();
      let forRest: ConflictChoice | null = null;
      for (const [index, file] of conflicted.entries()) {
        let choice = forRest;
        if (!choice) {
          const answer = await asker.ask({
            name: file.name,
            bucket: target.bucket,
            key: file.key,
            remaining: conflicted.length - index - 1,
          });
          choice = answer.choice;
          if (answer.applyToRest) forRest = answer.choice;
        }
        let key = file.key;
        if (choice === 'keep-both') {
          key = await freeKey(target, file.key, taken);
          taken.add(key);
        }
        decided.set(file, { choice, key });
      }

      if (aborted()) {
        result.skipped += plan.files.length;
        return result;
      }
      const split = new Set(conflicted.map((f) => f.source));
      const whole = allowed.filter((p) => !split.has(p));
      if (whole.length > 0) record(result, await engine.add(whole, target), origin);
      for (const file of plan.files.filter((f) => split.has(f.source))) {
        const decision = decided.get(file);
        if (decision?.choice === 'skip' || aborted()) {
          result.skipped++;
          continue;
        }
        if (decision?.choice === 'keep-both') result.renamed++;
        // A prefix without a trailing "/" is the exact key of a single file (see Target in shared/target.ts).
        record(result, await engine.add([file.path], { ...target, prefix: decision?.key ?? file.key }), origin);
      }
      return result;
    },

    abortPending() {
      epoch++;
    },

    retry(id) {
      const item = engine.get(id);
      const origin = origins.get(id);
      if (!item || !origin || !settings.profile(origin.profileId)) {
        engine.retry(id);
        return;
      }
      const profile = settings.profile(origin.profileId)!;
      const bucket = origin.followsProfile ? profile.bucket : origin.bucket;
      engine.retry(id, { ...settings.endpointOf(origin.profileId), profileId: origin.profileId, bucket, prefix: item.key });
    },
  };
}
