import { UploadEngine } from './queue/engine';
import type { EngineOptions, UploadEngineApi } from './types';

export function createEngine(options?: EngineOptions): UploadEngineApi {
  return new UploadEngine(options);
}

export { UploadEngine };
export { settleHeapGrowth } from './heap-settings';
export { classify, describeEndpoint, HoistError, stopsBatch } from './s3/errors';
export { validateEndpointUrl, readCaBundle } from './s3/endpoint-checks';
export { type PoolHooks, type RegionNotice } from './s3/s3-client';
export { validateProxy } from './s3/proxy/endpoint-agents';
export { checkAwsProfile, profileCredentials } from './s3/credentials/profile-provider';
export {
  ssoLogin,
  ssoLoginConfig,
  ssoTokenCacheFile,
  SSO_CONFIG_CODE,
  type SsoDeviceCode,
  type SsoLoginConfig,
  type SsoLoginHooks,
  type SsoLoginResult,
} from './s3/credentials/sso-login';
export {
  listAwsProfiles,
  readSharedConfig,
  sharedConfigPaths,
  type AwsProfileInfo,
  type AwsProfileKind,
} from './s3/credentials/shared-config';
export { validatePartSize } from './plan/part-plan';
export { asFolder } from './plan/target-rules';
export * from './types';
export { DATA_PATH_KINDS, type DataPathKind } from './s3/lean/data-path';
export { BucketBrowser, listBuckets, listFolder, FOLDER_PAGE_SIZE, type FolderQuery } from './s3/browse';
export {
  planUpload,
  prefixFor,
  type PlannedFile,
  type PlanOptions,
  type UploadPlan,
  type ExcludedFile,
  type SkippedEntry,
  type SourceProblem,
} from './plan/upload-plan';
export type { LocalObjectFile, Sameness } from './s3/unchanged';
export { keyFor, printable, validatePrefix, withSuffix } from './plan/keys';
export * from './plan/limits';
export { Journal, defaultStateDir, type JournalEntry } from './journal/journal-store';
export { type CreateRecord } from './journal/create-record';
export type { CreateSweep } from './queue/create-sweep';
export { parseAge, UnverifiedEmptyListing, type IncompleteUpload, type AbortResult } from './s3/incomplete-uploads';
