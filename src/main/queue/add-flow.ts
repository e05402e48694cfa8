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
// When existingKeys is given, those keys are checked in one call (the engine HEADs
// a few, or lists their common prefix for many). Files whose keys are free are queued at once; for each one that
// exists the user chooses overwrite, skip or keep both (optionally for the rest of the batch), seeing both files'
// sizes and dates, and the decided files follow. What was asked about is exactly what is written.
//
// Which files go: the profile's exclude patterns leave files out while the drop is listed (counted as excluded).
// "Skip if unchanged" (an answer to the question, or the profile's default) compares each existing key's object with
// its file (compareWithObjects: a HEAD each, then the checksum): a file proven the same is not sent (counted as up to
// date), any other is overwritten. With the profile's default, the unchanged files are never asked about.
//
// Stopping: Cancel all (abortPending) and Stop adding (stopAdding) are commands on the batch's future too. A batch
// being listed, checked or asked about when one arrives queues nothing afterwards, and its summary counts the files
// it did not queue (stopped). Stop adding also cancels what those batches had already queued; Cancel all does that
// through the engine for the whole queue. Pause all (pausePending) reaches them too: what such a batch queues
// afterwards is queued paused, unless Resume all (resumePending) came before it did.
import type { AddResult, UploadQueueApi } from '../../engine';
import { withSuffix } from '../../engine';
import type { PlannedFile, UploadPlan } from '../../engine';
import type { AddSummary, ConflictChoice, FileFacts } from '../../shared/ipc';
import type { ObjectOptions } from '../../shared/object-options';
import type { TargetChoice } from '../../shared/settings-schema';
import type { Target } from '../../shared/target';
import type { SettingsStore } from '../settings/settings-store';
import type { ConflictAsker } from './conflict-asker';

/** The keys that exist, each with the object's size and date (null when the check cannot tell). */
export type ExistingKeys = (target: Target, keys: string[]) => Promise<Map<string, FileFacts | null>>;

/** Whether each file is already its object (engine.compareWithObjects); only 'same' is proven. */
export type CompareWithObjects = (
  target: Target,
  files: readonly PlannedFile[],
) => Promise<Map<string, { kind: 'same' | 'different' | 'unknown' }>>;

export interface AddFlowDeps {
  engine: Pick<UploadQueueApi, 'plan' | 'add' | 'retry' | 'get' | 'cancel'>;
  settings: Pick<SettingsStore, 'resolveTarget' | 'targetFor' | 'profile'>;
  asker: ConflictAsker;
  /** Which of a batch's keys exist (engine.existingKeys); without it, existing keys are overwritten unasked. */
  existingKeys?: ExistingKeys;
  /** Which existing objects are the same as their files; without it, "skip if unchanged" overwrites them all. */
  compareWithObjects?: CompareWithObjects;
  /** Folders whose contents are never uploaded (main's userData), matched by real path for every file. */
  forbiddenRoots?: string[];
}

export interface AddFlow {
  add(paths: string[], choice: TargetChoice): Promise<AddSummary>;
  /** Retries with the profile as it is now (the user may have fixed it), same bucket choice and key. */
  retry(id: string): void;
  /** Cancel all: adds still listing folders, checking keys or waiting for an answer add nothing more. */
  abortPending(): void;
  /** Stop adding: as abortPending, and the files those adds already queued are cancelled (verified). */
  stopAdding(): Promise<void>;
  /** Pause all: adds in progress queue what they queue from now on paused. */
  pausePending(): void;
  /** Resume all: adds in progress queue as usual again. */
  resumePending(): void;
  /** Records where an item not added here came from (an interrupted upload put back in the queue), for Retry. */
  adopt(id: string, profileId: string, bucket: string, options?: ObjectOptions): void;
}

/** A renamed copy's row name: the file's folder path, with the new key's last segment ("album/beach (1).jpg"). */
function renamed(name: string, key: string): string {
  const slash = name.lastIndexOf('/');
  return name.slice(0, slash + 1) + key.slice(key.lastIndexOf('/') + 1);
}

/** Where an item came from, so that Retry can use the fixed profile. */
interface Origin {
  profileId: string;
  bucket: string;
  /** The item went to the profile's own bucket: a retry follows the profile if its bucket was changed. */
  followsProfile: boolean;
  /** The drop's own object options (TargetChoice.options), which a retry keeps; absent: the profile's. */
  options?: ObjectOptions;
}

export function createAddFlow(deps: AddFlowDeps): AddFlow {
  const { engine, settings, asker } = deps;
  const existing = deps.existingKeys;
  const compare = deps.compareWithObjects;
  const roots = deps.forbiddenRoots ?? [];
  const origins = new Map<string, Origin>();
  /** Listings in progress, stopped by abortPending(). */
  const listings = new Set<AbortController>();
  /** Adds still in progress: the ids they queued, for Stop adding to cancel, and whether Pause all holds them. */
  const inProgress = new Set<{ ids: string[]; paused: boolean }>();
  let epoch = 0;

  const record = (into: AddSummary, result: AddResult, origin: Origin, ids: string[]) => {
    into.added += result.items.length;
    into.rejected.push(...result.rejected);
    for (const item of result.items) {
      origins.set(item.id, origin);
      ids.push(item.id);
    }
  };

  /** The keys of the files proven the same as their objects; a check that fails proves nothing (they are sent). */
  const sameKeys = async (target: Target, files: PlannedFile[]): Promise<Set<string>> => {
    if (!compare || files.length === 0) return new Set();
    const verdicts = await compare(target, files).catch(() => new Map<string, { kind: string }>());
    return new Set(files.filter((f) => verdicts.get(f.key)?.kind === 'same').map((f) => f.key));
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
        ...(choice.options ? { options: choice.options } : {}),
      };
      const result: AddSummary = { added: 0, skipped: 0, renamed: 0, stopped: 0, rejected: [] };
      const ids: string[] = [];
      const batch = { ids, paused: false };
      inProgress.add(batch);
      try {
        const stop = new AbortController();
        listings.add(stop);
        let plan: UploadPlan;
        try {
          // The profile's exclude list is the whole list (it starts as the defaults); no profile: the defaults.
          const excludes = profile ? { excludes: profile.excludes } : {};
          plan = await engine.plan(paths, target, { forbiddenRoots: roots, signal: stop.signal, ...excludes });
        } catch (err) {
          if (aborted()) return result;
          throw err;
        } finally {
          listings.delete(stop);
        }
        if (plan.excluded?.length) result.excluded = plan.excluded.length;
        /** Queues files now, unless the batch was stopped: then they are counted as not added. */
        const queue = async (files: PlannedFile[]) => {
          if (aborted()) result.stopped += files.length;
          // The plan's problems and skipped entries are told once, by finish(), not with each part of the batch.
          else if (files.length > 0)
            record(
              result,
              await engine.add({ files, problems: [], skipped: [] }, target, { paused: batch.paused }),
              origin,
              ids,
            );
        };
        // Links, FIFOs and sockets left out are told after the refusals (the page shows each as "Not added: ..."),
        // since a refusal needs the user more.
        const finish = (): AddSummary => {
          result.rejected.push(...plan.problems, ...plan.skipped);
          return result;
        };
        if (!existing || plan.files.length === 0) {
          await queue(plan.files);
          return finish();
        }

        // A check that fails (say, no s3:ListBucket permission) must not block the upload: it proceeds as if new.
        const present = await existing(
          target,
          plan.files.map((f) => f.key),
        ).catch(() => new Map<string, FileFacts | null>());
        let conflicted = plan.files.filter((f) => present.has(f.key));
        // The files that conflict with nothing go now: the batch does not wait for the questions.
        await queue(plan.files.filter((f) => !present.has(f.key)));
        const upToDate = (n: number) => {
          if (n > 0) result.upToDate = (result.upToDate ?? 0) + n;
        };
        if (profile?.skipUnchanged && conflicted.length > 0 && !aborted()) {
          // The profile's default: the unchanged files are left as they are, unasked; the others are asked about.
          const same = await sameKeys(target, conflicted);
          upToDate(same.size);
          conflicted = conflicted.filter((f) => !same.has(f.key));
        }

        const taken = new Set(plan.files.map((f) => f.key));
        const decided: PlannedFile[] = [];
        /** Answered "skip if unchanged": compared together once every question is answered. */
        const ifChanged: PlannedFile[] = [];
        let forRest: ConflictChoice | null = null;
        for (const [index, file] of conflicted.entries()) {
          if (aborted()) break;
          let choice = forRest;
          if (!choice) {
            const answer = await asker.ask({
              name: file.name,
              bucket: target.bucket,
              key: file.key,
              local: { size: file.size, modifiedAt: file.mtimeMs },
              remote: present.get(file.key) ?? null,
              remaining: conflicted.length - index - 1,
            });
            choice = answer.choice;
            if (answer.applyToRest) forRest = answer.choice;
          }
          if (aborted()) break;
          if (choice === 'skip') result.skipped++;
          else if (choice === 'overwrite') decided.push(file);
          else if (choice === 'skip-unchanged') ifChanged.push(file);
          else {
            const key = await freeKey(target, file.key, taken);
            taken.add(key);
            result.renamed++;
            decided.push({ ...file, key, name: renamed(file.name, key) });
          }
        }
        if (aborted()) {
          // Skipped ones stay counted as skipped; every other conflicted file was not added.
          result.renamed = 0;
          result.stopped += conflicted.length - result.skipped;
          return finish();
        }
        if (ifChanged.length > 0) {
          const same = await sameKeys(target, ifChanged);
          if (aborted()) {
            result.renamed = 0;
            result.stopped += conflicted.length - result.skipped;
            return finish();
          }
          upToDate(same.size);
          decided.push(...ifChanged.filter((f) => !same.has(f.key)));
        }
        await queue(decided);
        return finish();
      } finally {
        inProgress.delete(batch);
      }
    },

    abortPending() {
      epoch++;
      for (const stop of listings) stop.abort(new Error('Cancelled while the files were being listed.'));
      asker.skipAll();
    },

    async stopAdding() {
      const queued = [...inProgress].flatMap((b) => b.ids);
      this.abortPending();
      await Promise.all(queued.map((id) => engine.cancel(id)));
    },

    pausePending() {
      for (const batch of inProgress) batch.paused = true;
    },

    resumePending() {
      for (const batch of inProgress) batch.paused = false;
    },

    adopt(id, profileId, bucket, options) {
      origins.set(id, { profileId, bucket, followsProfile: false, ...(options ? { options } : {}) });
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
      // The drop's own object options stay with the item: a retry sets what the first attempt would have.
      engine.retry(id, settings.targetFor(origin.profileId, bucket, item.key, origin.options));
    },
  };
}
