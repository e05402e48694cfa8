// A small stand-in for the engine, for main's tests (and usable by the E2E bridge's own tests): it implements our
// UploadEngineApi, records calls, and lets a test emit events and set item states.
import type { AbortResult, CreateSweep, IncompleteUpload } from '../../engine';
import type { JournalEntry } from '../../engine';
import type { AddResult, ConnectionCheck, EngineEvent, UploadEngineApi } from '../../engine';
import { planUpload, type PlanOptions, type UploadPlan } from '../../engine';
import type { Endpoint, Target } from '../../shared/target';
import type { QueueTotals, UploadItem } from '../../shared/upload-item';
import type { UploadState } from '../../shared/upload-state';
import { basename } from 'node:path';

export interface FakeEngine extends UploadEngineApi {
  calls: { method: string; args: unknown[] }[];
  items: Map<string, UploadItem>;
  presentKeys: Set<string>;
  connection: ConnectionCheck;
  /** The journal: interrupted() lists the entries not restored into the queue. */
  journal: JournalEntry[];
  /** What listIncomplete answers. */
  incomplete: IncompleteUpload[];
  /** Upload ids whose abort fails (not verified). */
  abortFails: Set<string>;
  /** What sweepCreates answers: each record's outcome, for the records endpointFor gives an endpoint. */
  creates: CreateSweep[];
  emit(event: EngineEvent): void;
  setState(id: string, state: UploadState, patch?: Partial<UploadItem>): UploadItem;
  callsTo(method: string): unknown[][];
}

export function createFakeEngine(): FakeEngine {
  const listeners = new Set<(event: EngineEvent) => void>();
  const items = new Map<string, UploadItem>();
  const calls: FakeEngine['calls'] = [];
  let counter = 0;
  const restored = new Set<string>();
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const emit = (event: EngineEvent) => listeners.forEach((l) => l(event));

  const engine: FakeEngine = {
    calls,
    items,
    presentKeys: new Set(),
    connection: { ok: true, kind: 'ok', message: 'OK' },
    journal: [],
    incomplete: [],
    abortFails: new Set(),
    creates: [],
    emit,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    setState(id, state, patch = {}) {
      const item = { ...items.get(id)!, ...patch, state };
      items.set(id, item);
      emit({ type: 'items', items: [item] });
      return item;
    },
    // The real planning (a walk of the test's own files, no S3), so the keys main asks about are the engine's.
    async plan(paths: string[], target: Target, options?: PlanOptions): Promise<UploadPlan> {
      record('plan', paths, target);
      return planUpload(paths, target.prefix, options);
    },
    // Logged as (paths, target); for a plan, the paths of its files. The items carry the plan's keys.
    async add(sources: string[] | UploadPlan, target: Target): Promise<AddResult> {
      const plan = Array.isArray(sources) ? undefined : sources;
      const files: { path: string; name: string; key?: string }[] = plan
        ? plan.files
        : (sources as string[]).map((path) => ({ path, name: basename(path) }));
      record(
        'add',
        files.map((f) => f.path),
        target,
      );
      const added: UploadItem[] = files.map(({ name, key: planned }) => {
        const key =
          planned ?? (target.prefix === '' || target.prefix.endsWith('/') ? target.prefix + name : target.prefix);
        const item: UploadItem = {
          id: `item${++counter}`,
          name,
          bucket: target.bucket,
          key,
          total: 1000,
          confirmed: 0,
          loaded: 0,
          bytesPerSecond: 0,
          etaSeconds: null,
          state: { kind: 'queued' },
          addedAt: Date.now(),
        };
        items.set(item.id, item);
        return item;
      });
      emit({ type: 'items', items: added });
      return { items: added, rejected: plan ? plan.problems : [], skipped: plan ? plan.skipped : [] };
    },
    async cancel(id) {
      record('cancel', id);
    },
    async cancelAll() {
      record('cancelAll');
    },
    async pause(id) {
      record('pause', id);
    },
    async pauseAll() {
      record('pauseAll');
    },
    resume(id) {
      record('resume', id);
    },
    resumeAll() {
      record('resumeAll');
    },
    tryNow() {
      record('tryNow');
      return 0;
    },
    interrupted: async () => engine.journal.filter((j) => !restored.has(j.uploadId)),
    restore(entries, targetFor) {
      record(
        'restore',
        entries.map((e) => e.uploadId),
        entries.map((e) => targetFor(e)),
      );
      const added = entries
        .filter((e) => !restored.has(e.uploadId))
        .map((e): UploadItem => {
          restored.add(e.uploadId);
          const item: UploadItem = {
            id: `item${++counter}`,
            name: basename(e.path),
            bucket: e.bucket,
            key: e.key,
            total: e.size,
            confirmed: 0,
            loaded: 0,
            bytesPerSecond: 0,
            etaSeconds: null,
            state: { kind: 'paused' },
            addedAt: Date.now(),
          };
          items.set(item.id, item);
          return item;
        });
      if (added.length) emit({ type: 'items', items: added });
      return added;
    },
    async listIncomplete(endpoint: Endpoint, bucket: string, prefix?: string) {
      record('listIncomplete', endpoint, bucket, prefix);
      return engine.incomplete;
    },
    async sweepCreates(endpointFor) {
      const reached = engine.creates.map((r) => ({ result: r, endpoint: endpointFor(r.record) }));
      // Recorded only where there are records, so that tests that count every call need not know of the start's sweep.
      if (reached.length > 0)
        record(
          'sweepCreates',
          reached.map((r) => r.endpoint),
        );
      return reached.map(({ result, endpoint }) =>
        endpoint ? result : { kind: 'kept', record: result.record, file: result.file, why: 'unreachable' },
      );
    },
    async abortIncomplete(endpoint: Endpoint, bucket: string, uploads: { key: string; uploadId: string }[]) {
      record('abortIncomplete', endpoint, bucket, uploads);
      return uploads.map((u): AbortResult =>
        engine.abortFails.has(u.uploadId) ? { ...u, verified: false, error: 'AccessDenied' } : { ...u, verified: true },
      );
    },
    retry(id, target) {
      record('retry', id, target);
    },
    remove(id) {
      record('remove', id);
      items.delete(id);
      emit({ type: 'removed', ids: [id] });
    },
    clearFinished() {
      record('clearFinished');
    },
    get: (id) => items.get(id),
    snapshot: () => [...items.values()],
    totals(): QueueTotals {
      const all = [...items.values()];
      const count = (kinds: string[]) => all.filter((i) => kinds.includes(i.state.kind)).length;
      return {
        count: all.length,
        active: count(['starting', 'uploading', 'retrying', 'completing', 'pausing', 'cancelling', 'failing']),
        queued: count(['queued']),
        done: count(['done']),
        failed: count(['failed', 'cleanup-failed']),
        cancelled: count(['cancelled']),
        confirmed: all.reduce((n, i) => n + i.confirmed, 0),
        loaded: all.reduce((n, i) => n + i.loaded, 0),
        total: all.reduce((n, i) => n + i.total, 0),
        bytesPerSecond: 0,
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle: async () => undefined,
    async keyExists(target: Target, key: string) {
      record('keyExists', target, key);
      return engine.presentKeys.has(key);
    },
    async existingKeys(target: Target, keys: string[]) {
      record('existingKeys', target, keys);
      return new Map(keys.filter((k) => engine.presentKeys.has(k)).map((k) => [k, { size: 1000, modifiedAt: 0 }]));
    },
    async testConnection(endpoint: Endpoint, bucket: string) {
      record('testConnection', endpoint, bucket);
      return engine.connection;
    },
    async close(options?: { keepPaused?: boolean }) {
      record('close', options);
    },
    async forgetInterrupted(uploadIds: string[]) {
      record('forgetInterrupted', uploadIds);
    },
    history: async () => [],
    historyEntry: async () => undefined,
    shareLink: async () => ({ url: 'https://example.test/share', expiresAt: 0 }),
  };
  return engine;
}
