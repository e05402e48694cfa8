import { UploadEngine } from './engine';
import type { EngineOptions, UploadEngineApi } from './types';

export function createEngine(options?: EngineOptions): UploadEngineApi {
  return new UploadEngine(options);
}

export { UploadEngine };
export { HoistError, stopsBatch } from './errors';
export { validateEndpointUrl, readCaBundle } from './s3-client';
export { validatePartSize } from './part-plan';
export { asFolder } from './target-rules';
export * from './types';
export { planUpload, prefixFor, type PlannedFile, type PlanOptions, type UploadPlan, type SkippedEntry, type SourceProblem } from './upload-plan';
export { keyFor, printable, validatePrefix } from './keys';
export * from './limits';
export { Journal, defaultStateDir, type JournalEntry } from './journal';
export { parseAge, type IncompleteUpload, type AbortResult } from './incomplete-uploads';
