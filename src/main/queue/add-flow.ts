// Adding files to the queue, and retrying them, against the user's current profiles.
//
// Paths and a compromised page: paths reach this module only from queue:addDropped (filled by the preload from
// trusted drops, see src/preload/drop-gate.ts) and from main's own file dialog. The contract refuses paths anywhere
// else. Even so, a page that managed to send paths could point the upload at a bucket it controls, so main also
// refuses anything inside its own data folder (forbiddenRoots: the settings file, with the encrypted secrets), and
// anything that is not an absolute path (the schema). The engine's walk checks every file's real path against
// forbiddenRoots, and does not follow links inside a folder, so no link can carry those files out either. Each
// command also re-reads the target from main's settings: the page names a profile id, never an endpoint or keys.
//
// One planning path: the engine lists the drop once (engine.plan) into files with the exact keys it will write.
// When existingKeys (or the older per-key keyExists) is given, those keys are checked in one call (the engine HEADs
// a few, or lists their common prefix for many), and for each one that exists the user chooses overwrite, skip or
// keep both (optionally for the rest of the batch). The plan, less the skipped files and with the renamed keys, then
// goes to engine.add as it is: what was asked about is exactly what is written.
import type { AddResult, UploadEngineApi } from '../../engine/types';
import { withSuffix } from '../../engine/keys';
import type { PlannedFile, UploadPlan } from '../../engine/upload-plan';
import type { AddSummary, ConflictChoice } from '../../shared/ipc';
import type { TargetChoice } from '../../shared/settings-schema';
import type { Target } from '../../shared/target';
import type { SettingsStore } from '../settings/settings-store';
import type { ConflictAsker } from './conflict-asker';
import { mapLimit } from './map-limit';

export type KeyExists = (target: Target, key: string) => Promise<boolean>;
export type ExistingKeys = (target: Target, keys: string[]) => Promise<Set<string>>;

export interface AddFlowDeps {
  engine: Pick<UploadEngineApi, 'plan' | 'add' | 'retry' | 'get'>;
  settings: Pick<SettingsStore, 'resolveTarget' | 'targetFor' | 'profile'>;
  asker: ConflictAsker;
  /** Which of a batch's keys exist (engine.existingKeys). Preferred over keyExists. */
  existingKeys?: ExistingKeys;
  /** One key at a time; used (checkConcurrency at once) only when existingKeys is not given. */
  keyExists?: KeyExists;
  /** Folders whose contents are never uploaded (main's userData), matched by real path for every file. */
  forbiddenRoots?: string[];
  /** HEAD requests in flight while checking for conflicts. */
  checkConcurrency?: number;
}

export interface AddFlow {
  add(paths: string[], choice: TargetChoice): Promise<AddSummary>;
  /** Retries with the profile as it is now (the user may have fixed it), same bucket choice and key. */
  retry(id: string): void;
  /** Cancel all: adds still listing folders, checking keys or waiting for an answer add nothing more. */
  abortPending(): void;
  /** Records where an item not added here came from (an interrupted upload put back in the queue), for Retry. */
  adopt(id: string, profileId: string, bucket: string): void;
}

/** Where an item came from, so that Retry can use the fixed profile. */
interface Origin {
  profileId: string;
  bucket: string;
  /** The item went to the profile's own bucket: a retry follows the profile if its bucket was changed. */
  followsProfile: boolean;
}

export function createAddFlow(deps: AddFlowDeps): AddFlow {
  const { engine, settings, asker, checkConcurrency = 8 } = deps;
  const keyExists = deps.keyExists;
  const existing: ExistingKeys | undefined =
    deps.existingKeys ??
    (keyExists &&
      (async (target, keys) => {
        const found = await mapLimit(keys, checkConcurrency, (k) => keyExists(target, k).catch(() => false));
        return new Set(keys.filter((_, i) => found[i]));
      }));
  const roots = deps.forbiddenRoots ?? [];
  const origins = new Map<string, Origin>();
  /** Listings in progress, stopped by abortPending(). */
  const listings = new Set<AbortController>();
  let epoch = 0;

  const record = (into: AddSummary, result: AddResult, origin: Origin) => {
    into.added += result.items.length;
    into.rejected.push(...result.rejected);
    for (const item of result.items) origins.set(item.id, origin);
  };

  /** A free "name (n).ext" key, also avoiding keys this batch will write; candidates are checked 20 per call. */
  const freeKey = async (target: Target, key: string, taken: Set<string>): Promise<string> => {
    for (let start = 1; start < 1000; start += 20) {
      const candidates: string[] = [];
      for (let n = start; n < start + 20; n++) if (!taken.has(withSuffix(key, n))) candidates.push(withSuffix(key, n));
      const present = await existing!(target, candidates).catch(() => new Set<string>());
      const free = candidates.find((c) => !present.has(c));
      if (free) return free;
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
      const stop = new AbortController();
      listings.add(stop);
      let plan: UploadPlan;
      try {
        plan = await engine.plan(paths, target, { forbiddenRoots: roots, signal: stop.signal });
      } catch (err) {
        if (aborted()) return result;
        throw err;
      } finally {
        listings.delete(stop);
      }
      // The plan, as decided, goes to the engine as it is. Links, FIFOs and sockets left out are told after the
      // refusals (the page shows each as "Not added: ..."), since a refusal needs the user more.
      const finish = async (files: PlannedFile[]): Promise<AddSummary> => {
        if (files.length > 0) record(result, await engine.add({ ...plan, files }, target), origin);
        else result.rejected.push(...plan.problems);
        result.rejected.push(...plan.skipped);
        return result;
      };
      if (!existing || plan.files.length === 0) return finish(plan.files);

      // A check that fails (say, no s3:ListBucket permission) must not block the upload: it proceeds as if new.
      const present = await existing(target, plan.files.map((f) => f.key)).catch(() => new Set<string>());
      const conflicted = plan.files.filter((f) => present.has(f.key));
      if (aborted()) {
        result.skipped += plan.files.length;
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
      const files: PlannedFile[] = [];
      for (const file of plan.files) {
        const decision = decided.get(file);
        if (decision?.choice === 'skip') result.skipped++;
        else if (decision?.choice === 'keep-both') {
          result.renamed++;
          files.push({ ...file, key: decision.key });
        } else files.push(file);
      }
      return finish(files);
    },

    abortPending() {
      epoch++;
      for (const stop of listings) stop.abort(new Error('Cancelled while the files were being listed.'));
    },

    adopt(id, profileId, bucket) {
      origins.set(id, { profileId, bucket, followsProfile: false });
    },

    retry(id) {
      const item = engine.get(id);
      const origin = origins.get(id);
      const profile = origin && settings.profile(origin.profileId);
      if (!item || !origin || !profile) {
        engine.retry(id);
        return;
      }
      const bucket = origin.followsProfile ? profile.bucket : origin.bucket;
      // The profile as it is now: its keys, endpoint, part size, parts in flight and speed limit.
      engine.retry(id, settings.targetFor(origin.profileId, bucket, item.key));
    },
  };
}
