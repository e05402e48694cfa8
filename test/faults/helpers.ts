// Shared pieces of the fault-injection suite: waiting on items, recording what the engine reported, and checking
// what is really on the server (with the boto3 checkers, never the SDK under test).
import { expect } from 'vitest';
import type { UploadEngineApi } from '../../src/engine/types';
import type { UploadItem } from '../../src/shared/upload-item';
import type { UploadStateKind } from '../../src/shared/upload-state';
import { sha256File } from '../harness/fixtures';
import { listMultipartUploads, listObjects, objectSha256 } from '../harness/s3-check';

export const MiB = 1024 * 1024;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The SDK prints this (console.warn) for every failed streaming request; with 100+ faults it would drown the log. */
const STREAMING_NOTICE = 'An error was encountered in a non-retryable streaming request.';

/** Drops the SDK's per-failure notice from console.warn until the returned function is called. */
export function muteSdkStreamingNotice(): () => void {
  const original = console.warn;
  console.warn = (...args: unknown[]): void => {
    if (args.length === 1 && args[0] === STREAMING_NOTICE) return;
    original(...args);
  };
  return () => {
    console.warn = original;
  };
}

/** Resolves with the item once pred holds (checked now and on every event); rejects after timeoutMs. */
export function waitForItem(
  eng: UploadEngineApi,
  id: string,
  pred: (item: UploadItem) => boolean,
  timeoutMs: number,
  what = 'condition',
): Promise<UploadItem> {
  return new Promise((resolve, reject) => {
    const now = eng.get(id);
    if (now && pred(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; item is ${JSON.stringify(eng.get(id))}`));
    }, timeoutMs);
    const off = eng.subscribe((e) => {
      if (e.type !== 'items') return;
      const item = e.items.find((i) => i.id === id);
      if (item && pred(item)) {
        clearTimeout(timer);
        off();
        resolve(item);
      }
    });
  });
}

export interface RetryEvent {
  id: string;
  attempt: number;
  retryAt: number;
  reason: string;
  /** Date.now() when the event reached the subscriber. */
  seenAt: number;
}

/** Everything the engine reported, per item: the states passed through, and every 'retrying' event. */
export class EventLog {
  readonly states = new Map<string, UploadStateKind[]>();
  readonly retries: RetryEvent[] = [];
  /** Every confirmed and loaded figure each item reported, in order. */
  readonly progress = new Map<string, { confirmed: number; loaded: number }[]>();
  private readonly off: () => void;

  constructor(
    eng: UploadEngineApi,
    private readonly onItem?: (item: UploadItem) => void,
  ) {
    this.off = eng.subscribe((e) => {
      if (e.type !== 'items') return;
      for (const item of e.items) {
        const list = this.states.get(item.id) ?? [];
        const s = item.state;
        // A new 'retrying' event is a new attempt, so it is recorded even right after another one.
        if (s.kind === 'retrying') {
          const last = this.retries.findLast((r) => r.id === item.id);
          if (!last || last.attempt !== s.attempt || last.retryAt !== s.retryAt) {
            this.retries.push({
              id: item.id,
              attempt: s.attempt,
              retryAt: s.retryAt,
              reason: s.reason,
              seenAt: Date.now(),
            });
          }
        }
        if (list[list.length - 1] !== s.kind) list.push(s.kind);
        this.states.set(item.id, list);
        const seen = this.progress.get(item.id) ?? [];
        seen.push({ confirmed: item.confirmed, loaded: item.loaded });
        this.progress.set(item.id, seen);
        this.onItem?.(item);
      }
    });
  }

  /** The first time an item's confirmed bytes fell ("from → to"), or null if they never did. */
  confirmedFall(id: string): string | null {
    const seen = this.progress.get(id) ?? [];
    for (let i = 1; i < seen.length; i++) {
      if (seen[i]!.confirmed < seen[i - 1]!.confirmed) return `${seen[i - 1]!.confirmed} → ${seen[i]!.confirmed}`;
    }
    return null;
  }

  /** Whether the bytes counted with those in flight ever fell (a request's bytes taken back). */
  loadedFell(id: string): boolean {
    const seen = this.progress.get(id) ?? [];
    return seen.some((p, i) => i > 0 && p.loaded < seen[i - 1]!.loaded);
  }

  retriesOf(id: string): RetryEvent[] {
    return this.retries.filter((r) => r.id === id);
  }

  stop(): void {
    this.off();
  }
}

/** A failed item's error must say what failed and where: a code, and a message naming the endpoint, bucket or file. */
export function expectExplainedFailure(
  item: UploadItem,
  names: { endpoint: string; bucket: string; path: string },
): void {
  const s = item.state;
  expect(s.kind).toBe('failed');
  if (s.kind !== 'failed') return;
  expect(s.error.code, `failed item ${item.key} has no error code`).toMatch(/\S/);
  expect(s.error.message, `failed item ${item.key} has no error message`).toMatch(/\S/);
  const named = [names.endpoint, names.bucket, names.path, item.key].some((n) => s.error.message.includes(n));
  expect(named, `message of failed ${item.key} names neither endpoint, bucket nor file: ${s.error.message}`).toBe(true);
  // A give-up must not leave its multipart upload behind unnoticed.
  expect(s.cleanup, `failed ${item.key}: cleanup not verified (${JSON.stringify(s)})`).not.toBe('failed');
}

export interface ServerCheck {
  /** Done items whose object differs from the local file (or is missing). */
  corrupted: string[];
  /** Multipart uploads the bucket still lists. */
  leftoverUploads: { key: string; uploadId: string }[];
  /** Objects present that no done (or object-kept) item accounts for. */
  strayObjects: string[];
}

/**
 * Downloads every object that should exist and compares it with its file; lists what else the bucket holds.
 * `expected` maps key -> local path of every item that ended done (or cancelled with the object kept).
 */
export async function checkServer(
  endpoint: string,
  bucket: string,
  expected: Map<string, string>,
): Promise<ServerCheck> {
  const corrupted: string[] = [];
  await Promise.all(
    [...expected].map(async ([key, path]) => {
      const [remote, local] = await Promise.all([objectSha256(endpoint, bucket, key), sha256File(path)]);
      if (remote !== local) corrupted.push(key);
    }),
  );
  const leftoverUploads = (await listMultipartUploads(endpoint, bucket)).map((u) => ({
    key: u.key,
    uploadId: u.uploadId,
  }));
  const strayObjects = (await listObjects(endpoint, bucket)).map((o) => o.key).filter((k) => !expected.has(k));
  return { corrupted, leftoverUploads, strayObjects };
}
