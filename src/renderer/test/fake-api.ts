// A window.hoist for component tests: every method is a vi.fn, and the test pushes main's events with emit*.
import { vi } from 'vitest';
import type { HoistApi } from '../../shared/ipc-api';
import type {
  ConflictQuestion,
  HistoryEntryView,
  IncompleteAbortResult,
  IncompleteUploadInfo,
  InterruptedOutcome,
  InterruptedUpload,
  Notice,
  QueueBatch,
  QueueSnapshot,
  SsoSignInEnd,
  SsoSignInStart,
  SsoTokenState,
} from '../../shared/ipc';
import {
  PROFILE_UPLOAD_DEFAULTS,
  type AwsProfileEntry,
  type ProfileView,
  type SettingsView,
} from '../../shared/settings-schema';
import type { QueueTotals, UploadItem } from '../../shared/upload-item';
import type { UploadState } from '../../shared/upload-state';
import { testItem } from '../../shared/upload-item.test-support';

export const PROFILE: ProfileView = {
  id: 'p1',
  name: 'Local MinIO',
  endpointUrl: 'http://127.0.0.1:9000',
  region: 'us-east-1',
  bucket: 'photos',
  defaultPrefix: 'inbox/',
  forcePathStyle: true,
  accessKeyId: 'minioadmin',
  credentialSource: { kind: 'access-key' },
  proxyUrl: '',
  checksum: 'auto',
  caBundle: '',
  partSizeMiB: 8,
  concurrency: 3,
  speedLimit: 0,
  ...PROFILE_UPLOAD_DEFAULTS,
  secretSet: true,
  secretKept: 'keychain',
  sessionTokenSet: false,
};

export function settingsWith(profiles: ProfileView[], patch: Partial<SettingsView> = {}): SettingsView {
  const first = profiles[0];
  return {
    profiles,
    activeTarget: first ? { profileId: first.id, bucket: first.bucket, prefix: first.defaultPrefix } : null,
    language: 'en',
    secretStorage: { backend: 'keychain', allowWeak: false },
    ...patch,
  };
}

/** An item; `confirmed` defaults to `loaded` (nothing in flight), so a test sets both only to put bytes in flight. */
export function makeItem(
  id: string,
  state: UploadState = { kind: 'queued' },
  patch: Partial<UploadItem> = {},
): UploadItem {
  return testItem(id, state, {
    bucket: 'photos',
    key: `inbox/${id}.bin`,
    total: 64_000_000,
    addedAt: 1,
    ...patch,
    confirmed: patch.confirmed ?? patch.loaded ?? 0,
  });
}

/** As main counts them (engine/queue-view.ts): cancelled items in their count, not in the bytes. */
export function totalsOf(items: UploadItem[]): QueueTotals {
  const k = (kinds: string[]) => items.filter((i) => kinds.includes(i.state.kind)).length;
  const counted = items.filter((i) => i.state.kind !== 'cancelled');
  return {
    count: items.length,
    active: k(['starting', 'uploading', 'retrying', 'completing', 'pausing', 'cancelling', 'failing']),
    queued: k(['queued']),
    done: k(['done']),
    failed: k(['failed', 'cleanup-failed']),
    cancelled: k(['cancelled']),
    confirmed: counted.reduce((n, i) => n + i.confirmed, 0),
    loaded: counted.reduce((n, i) => n + i.loaded, 0),
    total: counted.reduce((n, i) => n + i.total, 0),
    bytesPerSecond: items.reduce((n, i) => n + i.bytesPerSecond, 0),
  };
}

type Listener<T> = (value: T) => void;

export interface FakeApi extends HoistApi {
  emitBatch(changed: UploadItem[], removed?: string[]): void;
  emitSettings(settings: SettingsView): void;
  emitNotice(notice: Notice): void;
  emitConflict(question: ConflictQuestion): void;
}

export interface FakeApiOptions {
  settings: SettingsView;
  items?: UploadItem[];
  seq?: number;
  /** What main's journal holds; resume and discard take uploads out of it (as restoring them to the queue does). */
  interrupted?: InterruptedUpload[];
  /** What the server lists as incomplete uploads. */
  incomplete?: IncompleteUploadInfo[];
  /** Main's upload history, newest first; listHistory searches it as main does (every word, any case). */
  history?: HistoryEntryView[];
  /** The AWS config files' profiles main lists for the settings form; default none. */
  awsProfiles?: AwsProfileEntry[];
  /** Main's answer for one upload to abort; default: verified gone. */
  abortAnswer?(upload: { key: string; uploadId: string }): IncompleteAbortResult;
}

export function createFakeApi(options: FakeApiOptions): FakeApi {
  const batchListeners = new Set<Listener<QueueBatch>>();
  const settingsListeners = new Set<Listener<SettingsView>>();
  const noticeListeners = new Set<Listener<Notice>>();
  const conflictListeners = new Set<Listener<ConflictQuestion>>();
  const current = new Map((options.items ?? []).map((i) => [i.id, i]));
  let seq = options.seq ?? 0;
  const sub =
    <T>(set: Set<Listener<T>>) =>
    (listener: Listener<T>) => {
      set.add(listener);
      return () => set.delete(listener);
    };
  const emptySummary = { added: 0, skipped: 0, renamed: 0, stopped: 0, rejected: [] };
  let journal = [...(options.interrupted ?? [])];
  // As main does: no credentials, nothing possible; a changed or missing file, or a cancelled upload, can still be
  // discarded.
  const putBack =
    (discard: boolean) =>
    async (uploadIds: string[]): Promise<InterruptedOutcome[]> =>
      uploadIds.map((uploadId) => {
        const entry = journal.find((u) => u.uploadId === uploadId);
        if (!entry) return { uploadId, ok: false, problem: 'not-found' };
        const discardOnly = ['file-changed', 'file-missing', 'cancelled'].includes(entry.problem ?? '');
        if (entry.problem && !(discard && discardOnly)) return { uploadId, ok: false, problem: entry.problem };
        journal = journal.filter((u) => u !== entry);
        return { uploadId, ok: true, itemId: `restored-${uploadId}` };
      });
  const abortAnswer = options.abortAnswer ?? ((u) => ({ ...u, verified: true }));

  return {
    snapshot: vi.fn(async (): Promise<QueueSnapshot> => {
      const items = [...current.values()];
      return { seq, items, totals: totalsOf(items), conflict: null };
    }),
    addDropped: vi.fn(async () => emptySummary),
    pickAndAdd: vi.fn(async () => emptySummary),
    cancel: vi.fn(async () => undefined),
    cancelAll: vi.fn(async () => undefined),
    retry: vi.fn(async () => undefined),
    remove: vi.fn(async () => undefined),
    clearFinished: vi.fn(async () => undefined),
    pause: vi.fn(async () => undefined),
    resume: vi.fn(async () => undefined),
    pauseAll: vi.fn(async () => undefined),
    resumeAll: vi.fn(async () => undefined),
    tryNow: vi.fn(async () => undefined),
    stopAdding: vi.fn(async () => undefined),
    listInterrupted: vi.fn(async () => [...journal]),
    resumeInterrupted: vi.fn(putBack(false)),
    discardInterrupted: vi.fn(putBack(true)),
    listIncomplete: vi.fn(async () => [...(options.incomplete ?? [])]),
    abortIncomplete: vi.fn(
      async (_where: { profileId: string; bucket: string }, uploads: { key: string; uploadId: string }[]) =>
        uploads.map((u) => abortAnswer({ key: u.key, uploadId: u.uploadId })),
    ),
    answerConflict: vi.fn(async () => undefined),
    getSettings: vi.fn(async () => options.settings),
    saveProfile: vi.fn(async () => ({ id: 'p-new', settings: options.settings })),
    deleteProfile: vi.fn(async () => options.settings),
    testConnection: vi.fn(async () => ({ ok: true, kind: 'ok' as const, message: 'OK' })),
    setLanguage: vi.fn(async () => options.settings),
    selectTarget: vi.fn(async () => options.settings),
    setWeakStorage: vi.fn(async () => options.settings),
    listAwsProfiles: vi.fn(async () => [...(options.awsProfiles ?? [])]),
    ssoStatus: vi.fn(async (): Promise<SsoTokenState> => ({ kind: 'missing' })),
    ssoSignIn: vi.fn(async (): Promise<SsoSignInStart> => ({
      kind: 'waiting',
      flowId: 'flow-0001',
      userCode: 'ABCD-EFGH',
      verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
      codeExpiresAt: Date.now() + 600_000,
      browserOpened: true,
    })),
    ssoWait: vi.fn(async (): Promise<SsoSignInEnd> => ({ kind: 'signed-in', expiresAt: Date.now() + 8 * 3600_000 })),
    ssoCancel: vi.fn(async () => undefined),
    listHistory: vi.fn(async (query: string) => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      return (options.history ?? []).filter((e) =>
        words.every((w) => `${e.key}\n${e.bucket}\n${e.profileName ?? ''}`.toLowerCase().includes(w)),
      );
    }),
    shareLink: vi.fn(async () => ({ url: 'https://example.test/share', expiresAt: 0 })),
    browseBuckets: vi.fn(async () => ({ kind: 'refused' as const, message: 'not in this test' })),
    browseList: vi.fn(async (where: { prefix: string }) => ({ prefix: where.prefix, folders: [], objects: [] })),
    listNotices: vi.fn(async () => []),
    dismissNotice: vi.fn(async () => undefined),
    onQueueBatch: sub(batchListeners),
    onSettingsChanged: sub(settingsListeners),
    onNotice: sub(noticeListeners),
    onConflict: sub(conflictListeners),
    emitBatch(changed, removed = []) {
      for (const i of changed) current.set(i.id, i);
      for (const id of removed) current.delete(id);
      const batch: QueueBatch = { seq: ++seq, changed, removed, totals: totalsOf([...current.values()]) };
      batchListeners.forEach((l) => l(batch));
    },
    emitSettings: (s) => settingsListeners.forEach((l) => l(s)),
    emitNotice: (n) => noticeListeners.forEach((l) => l(n)),
    emitConflict: (q) => conflictListeners.forEach((l) => l(q)),
  };
}
