// Shared set-up for the engine's integration tests: a bucket on the moto server, an engine, and waiting helpers.
import { afterEach, beforeEach, inject } from 'vitest';
import { createEngine } from '../../src/engine';
import type { EngineOptions, UploadEngineApi } from '../../src/engine/types';
import type { Target } from '../../src/shared/target';
import type { UploadItem } from '../../src/shared/upload-item';
import type { UploadStateKind } from '../../src/shared/upload-state';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { createBucket, testTarget, uniqueBucket } from '../harness/s3-check';

export const s3 = (): string => inject('s3Endpoint');

export async function freshBucket(name: string): Promise<string> {
  const bucket = uniqueBucket(name);
  await createBucket(s3(), bucket);
  return bucket;
}

export function target(bucket: string, prefix = '', extra: Partial<Target> = {}, endpoint = s3()): Target {
  return testTarget(endpoint, bucket, prefix, extra);
}

/** A fresh fault proxy in front of moto for every test of the calling file, closed after it; call the getter for it. */
export function useFaultProxy(): () => FaultProxy {
  let proxy: FaultProxy | undefined;
  beforeEach(async () => {
    proxy = await startFaultProxy(Number(new URL(s3()).port));
  });
  afterEach(async () => {
    await proxy?.close();
  });
  return () => proxy!;
}

/** Fast retries so that fault tests finish quickly. */
export function engine(opts: EngineOptions = {}): UploadEngineApi {
  return createEngine({ retryBaseDelayMs: 20, ...opts });
}

/** Resolves when the item reaches one of the states, or loaded passes minLoaded. */
export function waitFor(
  eng: UploadEngineApi,
  id: string,
  pred: (item: UploadItem) => boolean,
  timeoutMs = 30_000,
): Promise<UploadItem> {
  return new Promise((resolve, reject) => {
    const now = eng.get(id);
    if (now && pred(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting; item is ${JSON.stringify(eng.get(id))}`));
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

export const inState =
  (...kinds: UploadStateKind[]) =>
  (i: UploadItem) =>
    kinds.includes(i.state.kind);

/** Every state an item passed through, in order (consecutive repeats folded). */
export function recordStates(eng: UploadEngineApi): Map<string, UploadStateKind[]> {
  const seen = new Map<string, UploadStateKind[]>();
  eng.subscribe((e) => {
    if (e.type !== 'items') return;
    for (const i of e.items) {
      const list = seen.get(i.id) ?? [];
      if (list[list.length - 1] !== i.state.kind) list.push(i.state.kind);
      seen.set(i.id, list);
    }
  });
  return seen;
}
