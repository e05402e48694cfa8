// Getting uploads back after an interruption, and cleaning up what is left on the server.
//
// Interrupted uploads: the engine's journal (under userData/state) lists the multipart uploads a crash, a kill or a
// "Pause and quit" left unfinished. Each entry names its profile; the credentials come from that profile now (the
// journal never holds them), while the endpoint, region and checksum mode stay the entry's own, because that is where
// and how the upload was created. Resume and Discard both put the upload back in the queue as a paused item
// (engine.restore), so the user watches it finish or be cleaned up in its row like any other upload.
//
// Stopping: a batch reads the journal and checks each file before it puts that upload back, so Cancel all and Pause
// all can arrive in the middle of one, as they can during an add (add-flow.ts); main calls abortPending and
// pausePending with the add flow's. After Cancel all, a batch in progress (or still waiting for the one before it)
// puts nothing more back: the uploads it had not reached stay in the journal, still interrupted, and its outcome for
// each says neither ok nor a problem; what it had already put back is the engine's cancelAll's to cancel. After Pause
// all, a Resume batch puts the rest back paused rather than resumed, unless Resume all (resumePending) came first.
//
// Incomplete uploads: the page names a saved profile and a bucket; main resolves the endpoint and keys itself.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { describeEndpoint, type JournalEntry } from '../../engine';
import type { BucketToolsApi, UploadQueueApi } from '../../engine';
import type {
  IncompleteAbortResult,
  IncompleteUploadInfo,
  InterruptedOutcome,
  InterruptedProblem,
  InterruptedUpload,
} from '../../shared/ipc';
import { sameEndpointServer } from '../../shared/endpoint-identity';
import type { Target } from '../../shared/target';
import { IpcError } from '../ipc/errors';
import type { SettingsStore } from '../settings/settings-store';
import type { AddFlow } from './add-flow';
import type { NoticeCenter } from '../notices';
import { sweepCreatesAtStart } from './startup-sweep';

export interface RecoveryDeps {
  engine: Pick<UploadQueueApi, 'interrupted' | 'restore' | 'resume' | 'cancel'> &
    Pick<BucketToolsApi, 'listIncomplete' | 'abortIncomplete' | 'sweepCreates'>;
  settings: Pick<SettingsStore, 'profile' | 'endpointOf' | 'targetFor'>;
  addFlow: Pick<AddFlow, 'adopt'>;
}

export interface Recovery {
  listInterrupted(): Promise<InterruptedUpload[]>;
  resumeInterrupted(uploadIds: string[]): Promise<InterruptedOutcome[]>;
  discardInterrupted(uploadIds: string[]): Promise<InterruptedOutcome[]>;
  /** Cancel all: resumes and discards in progress or waiting put nothing more back in the queue. */
  abortPending(): void;
  /** Pause all: resumes in progress or waiting put what they put back from now on paused (not resumed). */
  pausePending(): void;
  /** Resume all: resumes in progress or waiting resume what they put back again. */
  resumePending(): void;
  /**
   * At the start: looks for the uploads a killed Hoist was creating (engine sweepCreates), through each record's
   * profile, and tells the user what became of them (startup-sweep.ts).
   */
  sweepCreates(notices: Pick<NoticeCenter, 'add'>): Promise<void>;
  listIncomplete(profileId: string, bucket: string, prefix: string): Promise<IncompleteUploadInfo[]>;
  abortIncomplete(
    profileId: string,
    bucket: string,
    uploads: { key: string; uploadId: string }[],
  ): Promise<IncompleteAbortResult[]>;
}

type Plan = { target: Target; problem: InterruptedProblem | null } | { target: null; problem: InterruptedProblem };

export function createRecovery(deps: RecoveryDeps): Recovery {
  const { engine, settings, addFlow } = deps;
  /** One resume or discard at a time, so that two clicks cannot restore the same upload twice. */
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = chain.then(step, step);
    chain = next.catch(() => undefined);
    return next;
  };

  /** The entry's target with its profile's credentials and upload settings, or why there is none. */
  const targetOf = (
    entry: Pick<
      JournalEntry,
      'profileId' | 'bucket' | 'key' | 'endpointUrl' | 'region' | 'forcePathStyle' | 'checksum'
    > &
      Partial<Pick<JournalEntry, 'objectOptions'>>,
  ): Plan => {
    if (!entry.profileId || !settings.profile(entry.profileId)) return { target: null, problem: 'profile-missing' };
    let target: Target;
    try {
      target = settings.targetFor(entry.profileId, entry.bucket, entry.key);
    } catch {
      return { target: null, problem: 'secret-missing' };
    }
    // The profile's secret belongs to the server it names now: never sign requests to another one with it.
    if (!sameEndpointServer(entry.endpointUrl ?? '', target.endpointUrl ?? ''))
      return { target: null, problem: 'endpoint-changed' };
    const where = {
      endpointUrl: entry.endpointUrl,
      region: entry.region,
      forcePathStyle: entry.forcePathStyle,
      checksum: entry.checksum,
    };
    // The object options the upload started with, should it have to start over: a resume sets exactly what the first
    // attempt did, whatever the profile says now. Speed and parts per file stay the profile's current ones: the
    // user may have changed them since on purpose. Entries from before options were recorded get the profile's.
    const options = entry.objectOptions ? { objectOptions: entry.objectOptions } : {};
    return { target: { ...target, ...where, ...options }, problem: null };
  };

  /** Resume checks the file again, but a prompt that says so up front saves a pointless click. */
  const fileProblem = async (entry: JournalEntry): Promise<InterruptedProblem | null> => {
    try {
      const st = await stat(entry.path);
      if (!st.isFile()) return 'file-missing';
      return st.size === entry.size && st.mtimeMs === entry.mtimeMs ? null : 'file-changed';
    } catch {
      return 'file-missing';
    }
  };

  // Precedence: without credentials nothing at all can be done, not even a discard, so those problems come first. A
  // cancelled upload comes next, before the file's: the user chose to be rid of it, so whatever became of the file,
  // discarding it is all that is left (and "upload the file again" would not be what they asked for).
  const plan = async (entry: JournalEntry): Promise<Plan> => {
    const planned = targetOf(entry);
    if (!planned.target) return planned;
    if (entry.cancelled) return { target: planned.target, problem: 'cancelled' };
    return { target: planned.target, problem: await fileProblem(entry) };
  };

  /** Batches asked for and not yet finished (waiting ones too): what Cancel all and Pause all reach. */
  const pending = new Set<{ stopped: boolean; paused: boolean }>();

  const putBack = (uploadIds: string[], act: 'resume' | 'discard') => {
    const batch = { stopped: false, paused: false };
    pending.add(batch);
    return serially(async () => {
      const entries = new Map((await engine.interrupted()).map((e) => [e.uploadId, e]));
      const outcomes: InterruptedOutcome[] = [];
      // Not put back: it stays in the journal, and the prompt lists it again.
      const stopped = (uploadId: string) => outcomes.push({ uploadId, ok: false });
      for (const uploadId of new Set(uploadIds)) {
        if (batch.stopped) {
          stopped(uploadId);
          continue;
        }
        const entry = entries.get(uploadId);
        if (!entry) {
          outcomes.push({ uploadId, ok: false, problem: 'not-found' });
          continue;
        }
        const planned = await plan(entry);
        if (batch.stopped) {
          stopped(uploadId);
          continue;
        }
        // Without credentials nothing can be done; a changed or missing file, or a cancelled upload, can still be
        // discarded.
        if (!planned.target || (act === 'resume' && planned.problem)) {
          outcomes.push({ uploadId, ok: false, problem: planned.problem! });
          continue;
        }
        const target = planned.target;
        const [item] = engine.restore([entry], () => target);
        if (!item) {
          outcomes.push({ uploadId, ok: false, problem: 'not-found' });
          continue;
        }
        addFlow.adopt(item.id, entry.profileId!, entry.bucket, entry.objectOptions);
        // Restored items are paused: after Pause all, one stays so, as Pause all would have left it.
        if (act === 'resume') {
          if (!batch.paused) engine.resume(item.id);
        } else void engine.cancel(item.id).catch(() => undefined); // the row shows the verified cleanup
        outcomes.push({ uploadId, ok: true, itemId: item.id });
      }
      return outcomes;
    }).finally(() => pending.delete(batch));
  };

  const endpointFor = (profileId: string) => {
    if (!settings.profile(profileId)) throw new IpcError('not-found', 'no such profile');
    return settings.endpointOf(profileId);
  };

  return {
    async listInterrupted() {
      const entries = await engine.interrupted();
      return Promise.all(
        entries.map(async (entry): Promise<InterruptedUpload> => {
          const profileName = (entry.profileId && settings.profile(entry.profileId)?.name) || null;
          return {
            uploadId: entry.uploadId,
            name: basename(entry.path.replace(/\\/g, '/')),
            bucket: entry.bucket,
            key: entry.key,
            size: entry.size,
            partsDone: entry.parts.length,
            partSize: entry.partSize,
            startedAt: entry.startedAt,
            profileName,
            server: describeEndpoint(entry.endpointUrl, entry.region),
            problem: (await plan(entry)).problem,
          };
        }),
      );
    },

    sweepCreates: (notices) => sweepCreatesAtStart(engine, (record) => targetOf(record).target ?? undefined, notices),

    resumeInterrupted: (uploadIds) => putBack(uploadIds, 'resume'),
    discardInterrupted: (uploadIds) => putBack(uploadIds, 'discard'),

    abortPending() {
      for (const batch of pending) batch.stopped = true;
    },
    pausePending() {
      for (const batch of pending) batch.paused = true;
    },
    resumePending() {
      for (const batch of pending) batch.paused = false;
    },

    async listIncomplete(profileId, bucket, prefix) {
      const endpoint = endpointFor(profileId);
      try {
        return await engine.listIncomplete(endpoint, bucket, prefix);
      } catch (error) {
        throw new IpcError('server-error', `listing the incomplete uploads of "${bucket}" failed: ${describe(error)}`);
      }
    },

    async abortIncomplete(profileId, bucket, uploads) {
      const endpoint = endpointFor(profileId);
      try {
        return await engine.abortIncomplete(endpoint, bucket, uploads);
      } catch (error) {
        throw new IpcError('server-error', `aborting uploads in "${bucket}" failed: ${describe(error)}`);
      }
    },
  };
}

/** An SDK or socket error in one line: its code or name, and its message when it has one. */
function describe(error: unknown): string {
  const e = (error ?? {}) as { name?: string; code?: string; message?: string };
  const code = e.code ?? e.name ?? 'Error';
  const message = (e.message ?? '').split('\n')[0];
  return message && message !== code ? `${code}: ${message}` : code;
}
