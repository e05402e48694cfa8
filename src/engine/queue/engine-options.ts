// The engine's settings with their defaults filled in, checked once at construction.
import { RetryWake } from '../s3/backoff';
import { StartDeadline } from '../s3/with-retries';
import type { JobSettings } from '../job/file-job';
import * as L from '../plan/limits';
import { validatePartSize } from '../plan/part-plan';
import type { EngineOptions } from '../types';
import { DATA_PATH_KINDS, type DataPathKind } from '../s3/lean/data-path';
import { HoistError } from '../s3/errors';

export interface ResolvedOptions {
  filesInParallel: number;
  maxPartsInFlight: number;
  partSize: number;
  multipartThreshold: number;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  progressIntervalMs: number;
  cleanupAttempts: number;
  /** How the bytes go out (EngineOptions.dataPath). */
  dataPath: DataPathKind;
  /** Everything a FileJob needs but the checksum choice, which is per target. */
  job: Omit<JobSettings, 'integrity' | 'limiters'>;
}

export function resolveOptions(o: EngineOptions): ResolvedOptions {
  const filesInParallel = positive(o.filesInParallel, L.DEFAULT_FILES_IN_PARALLEL);
  const partsPerFile = positive(o.partsPerFile, L.DEFAULT_PARTS_PER_FILE);
  const partSize = o.partSize ?? L.DEFAULT_PART_SIZE;
  validatePartSize(partSize);
  const multipartThreshold = o.multipartThreshold ?? L.DEFAULT_MULTIPART_THRESHOLD;
  const cleanupAttempts = positive(o.cleanupAttempts, 5);
  return {
    filesInParallel,
    maxPartsInFlight: positive(o.maxPartsInFlight, filesInParallel * partsPerFile),
    partSize,
    multipartThreshold,
    cleanupAttempts,
    dataPath: dataPathOf(o.dataPath),
    connectTimeoutMs: o.connectTimeoutMs ?? 10_000,
    requestTimeoutMs: o.requestTimeoutMs ?? 30_000,
    progressIntervalMs: o.progressIntervalMs ?? 100,
    job: {
      partSize,
      multipartThreshold,
      partsPerFile,
      cleanupAttempts,
      createGraceMs: o.createGraceMs ?? 10_000,
      completeWaitMs: o.completeWaitMs ?? 60_000,
      retry: {
        maxAttempts: positive(o.maxAttempts, 5),
        baseDelayMs: o.retryBaseDelayMs ?? 250,
        unreachableBudgetMs: o.unreachableBudgetMs ?? 20_000,
        wake: new RetryWake(),
        ...(o.unreachableAtStartMs !== undefined && o.unreachableAtStartMs < Number.POSITIVE_INFINITY
          ? { atStart: new StartDeadline(o.unreachableAtStartMs) }
          : {}),
      },
    },
  };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function dataPathOf(value: string | undefined): DataPathKind {
  if (value === undefined) return 'lean';
  const kind = DATA_PATH_KINDS.find((k) => k === value);
  if (!kind) {
    throw new HoistError('InvalidDataPath', `dataPath "${value}" is not one of ${DATA_PATH_KINDS.join(', ')}.`);
  }
  return kind;
}
