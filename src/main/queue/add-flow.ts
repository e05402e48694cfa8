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
// sizes and dates, and the decided files follow. What was asked about is exactly what is written. Keys the queue
// still holds, or another add in progress will write, count as existing too (taken-keys.ts): a second drop to a key
// whose first upload has not finished is asked about, and Keep both never picks a name one of them takes.
//
// Which files go: the profile's exclude patterns leave files out while the drop is listed (counted as excluded).
// "Skip if unchanged" (an answer to the question, or the profile's default) compares each existing key's object with
// its file (compareWithObjects: a HEAD each, then the checksum): a file proven the same is not sent (counted as up to
// date), any other is overwritten. With the profile's default, the unchanged files are never asked about.
//
// Stopping: Cancel all (abortPending) and Stop adding (stopAdding) are commands on the batch's future too. A batch
// being listed, checked, compared or asked about when one arrives queues nothing afterwards, and its summary counts
// the files it did not queue (stopped) at once: the add's signal stops the listing and the comparison, and a check
// that takes no signal is no longer waited for. Stop adding also cancels what those batches had already queued;
// Cancel all does that through the engine for the whole queue. Pause all (pausePending) reaches them too: what such
// a batch queues afterwards is queued paused, unless Resume all (resumePending) came before it did.
import type { AddResult, UploadQueueApi } from '../../engine';
import type { PlannedFile, UploadPlan } from '../../engine';
import type { AddSummary, ConflictChoice, FileFacts } from '../../shared/ipc';
import type { ObjectOptions } from '../../shared/object-options';
import type { TargetChoice } from '../../shared/settings-schema';
import type { Target } from '../../shared/target';
import { IpcError } from '../ipc/errors';
import type { SettingsStore } from '../settings/settings-store';
import type { ConflictAsker } from './conflict-asker';
import { createTakenKeys, keepBothUnchecked, serverOf, type ExistingKeys } from './taken-keys';
import { untilStopped } from './until-stopped';

export type { ExistingKeys } from './taken-keys';

/** Whether each file is already its object (engine.compareWithObjects); only 'same' is proven. signal: stop it. */
export type CompareWithObjects = (
  target: Target,
  files: readonly PlannedFile[],
  signal?: AbortSignal,
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
  /**
   * Retries with the profile as it is now (the user may have fixed it), same bucket choice and key. Throws an
   * IpcError when that profile was deleted (its keys are not used again), unless only a cleanup is retried.
   */
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

/** The refusal of a retry whose profile was deleted: the item was signed with that profile's keys. */
function profileGone(origin: Origin, item: { name: string; key: string; bucket: string }): IpcError {
  const profile = origin.profileName ? `the profile "${origin.profileName}"` : 'the profile';
  return new IpcError(
    'not-allowed',
    `"${item.name}" (${item.key} in ${item.bucket}) cannot be retried: ${profile} it was added with was deleted, and ` +
      `its keys are not used again. Add the file again with another profile.`,
  );
}

/** Where an item came from, so that Retry can use the fixed profile. */
interface Origin {
  profileId: string;
  /** The profile's name when the item was added, for a message once the profile is gone. */
  profileName?: string;
  /** The server the item writes to (serverOf); absent when not known. */
  server?: string;
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
  const taken = createTakenKeys(engine, (id) => origins.get(id)?.server);
  /**
   * Adds still in progress: the ids they queued (for Stop adding to cancel), whether Pause all holds them, and the
   * signal Cancel all and Stop adding stop them by (abortPending()).
   */
  const inProgress = new Set<{ ids: string[]; paused: boolean; stop: AbortController }>();

  const record = (into: AddSummary, result: AddResult, origin: Origin, ids: string[]) => {
    into.added += result.items.length;
    into.rejected.push(...result.rejected);
    for (const item of result.items) {
      origins.set(item.id, origin);
      taken.track(item.id, item.key);
      ids.push(item.id);
    }
  };

  /**
   * The keys of the files proven the same as their objects; a check that fails proves nothing (they are sent). A key
   * the queue holds is not compared: the object there now is not the one that will be.
   */
  const sameKeys = async (target: Target, all: PlannedFile[], held: Map<string, unknown>, signal: AbortSignal) => {
    const files = all.filter((f) => !held.has(f.key));
    if (!compare || files.length === 0) return new Set<string>();
    const verdicts = await untilStopped(compare(target, files, signal), signal).catch(
      () => new Map<string, { kind: string }>(),
    );
    return new Set(files.filter((f) => verdicts.get(f.key)?.kind === 'same').map((f) => f.key));
  };

  return {
    async add(paths, choice) {
      const stop = new AbortController();
      const aborted = () => stop.signal.aborted;
      const target = settings.resolveTarget(choice);
      const profile = settings.profile(choice.profileId);
      const origin: Origin = {
        profileId: choice.profileId,
        ...(profile ? { profileName: profile.name } : {}),
        server: serverOf(target),
        bucket: choice.bucket,
        followsProfile: profile?.bucket === choice.bucket,
        ...(choice.options ? { options: choice.options } : {}),
      };
      const result: AddSummary = { added: 0, skipped: 0, renamed: 0, stopped: 0, rejected: [] };
      const ids: string[] = [];
      const batch = { ids, paused: false, stop };
      inProgress.add(batch);
      /** The keys this add writes: the other adds count them as taken until it ends. */
      const claim = taken.claim(target);
      try {
        let plan: UploadPlan;
        try {
          // The profile's exclude list is the whole list (it starts as the defaults); no profile: the defaults.
          const excludes = profile ? { excludes: profile.excludes } : {};
          plan = await engine.plan(paths, target, { forbiddenRoots: roots, signal: stop.signal, ...excludes });
        } catch (err) {
          if (aborted()) return result;
          throw err;
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
        /** Keep both's files told as not added since their names could not be checked. */
        let unchecked = 0;
        /** Stopped with questions asked: skipped and unchecked ones stay counted so; every other was not added. */
        const stopped = (conflicted: PlannedFile[]): AddSummary => {
          result.renamed = 0;
          result.stopped += conflicted.length - result.skipped - unchecked;
          return finish();
        };
        if (!existing || plan.files.length === 0) {
          await queue(plan.files);
          return finish();
        }

        // A check that fails (say, no s3:ListBucket permission) must not block the upload: it proceeds as if new.
        const keys = plan.files.map((f) => f.key);
        const present = await untilStopped(existing(target, keys), stop.signal).catch(
          () => new Map<string, FileFacts | null>(),
        );
        if (aborted()) return stopped(plan.files);
        // Keys the queue holds count as present, with the queued file's facts: that is what the object will be. This
        // add's keys count for the adds after it from now on (a Keep both name once chosen, by renamedCopy).
        const held = taken.held(target, claim, keys);
        for (const [key, facts] of held) if (facts || !present.has(key)) present.set(key, facts);
        for (const key of keys) claim.keys.add(key);
        let conflicted = plan.files.filter((f) => present.has(f.key));
        // The files that conflict with nothing go now: the batch does not wait for the questions.
        await queue(plan.files.filter((f) => !present.has(f.key)));
        const upToDate = (n: number) => {
          if (n > 0) result.upToDate = (result.upToDate ?? 0) + n;
        };
        if (profile?.skipUnchanged && conflicted.length > 0 && !aborted()) {
          // The profile's default: the unchanged files are left as they are, unasked; the others are asked about.
          const same = await sameKeys(target, conflicted, held, stop.signal);
          upToDate(same.size);
          conflicted = conflicted.filter((f) => !same.has(f.key));
        }

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
            // Keep both: when the names cannot be checked, the file is told as not added (never sent unchecked).
            const renaming = untilStopped(taken.renamedCopy(existing!, file, target, claim), stop.signal);
            const copy = await renaming.catch((error: unknown) => {
              if (aborted()) return;
              result.rejected.push(keepBothUnchecked(file, target.bucket, error));
              unchecked++;
            });
            if (copy) {
              decided.push(copy);
              result.renamed++;
            }
          }
        }
        if (aborted()) return stopped(conflicted);
        if (ifChanged.length > 0) {
          const same = await sameKeys(target, ifChanged, held, stop.signal);
          if (aborted()) return stopped(conflicted);
          upToDate(same.size);
          decided.push(...ifChanged.filter((f) => !same.has(f.key)));
        }
        await queue(decided);
        return finish();
      } finally {
        inProgress.delete(batch);
        taken.release(claim);
      }
    },

    abortPending() {
      for (const batch of inProgress) batch.stop.abort(new Error('Adding was stopped.'));
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
      const profile = settings.profile(profileId);
      const item = engine.get(id);
      if (item) taken.track(id, item.key);
      origins.set(id, {
        profileId,
        ...(profile ? { profileName: profile.name, server: serverOf(profile) } : {}),
        bucket,
        followsProfile: false,
        ...(options ? { options } : {}),
      });
    },

    retry(id) {
      const item = engine.get(id);
      const origin = origins.get(id);
      const profile = origin && settings.profile(origin.profileId);
      // A cleanup that could not be confirmed runs again on the job it holds (the engine takes no target for it).
      if (item && origin && !profile && item.state.kind !== 'cleanup-failed') throw profileGone(origin, item);
      if (!item || !origin || !profile) {
        engine.retry(id);
        return;
      }
      const bucket = origin.followsProfile ? profile.bucket : origin.bucket;
      // The profile as it is now: its keys, endpoint, part size, parts in flight and speed limit.
      // The drop's own object options stay with the item: a retry sets what the first attempt would have.
      const target = settings.targetFor(origin.profileId, bucket, item.key, origin.options);
      // Its key is held at the server it goes to now (the profile's endpoint may have been changed).
      origins.set(id, { ...origin, server: serverOf(target) });
      engine.retry(id, target);
    },
  };
}
