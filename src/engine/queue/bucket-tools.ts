// The bucket tools (BucketToolsApi): questions to a bucket and repairs of it, outside the queue. The engine is these
// plus the queue (UploadEngine extends this class), sharing its client pool and journal with them.
import type { Endpoint, Target } from '../../shared/target';
import type { FileFacts } from '../../shared/upload-item';
import { checkConnection } from '../s3/connection-check';
import { existingKeys } from '../s3/existing-keys';
import { compareWithObjects, type LocalObjectFile, type Sameness } from '../s3/unchanged';
import { DEFAULT_PART_SIZE } from '../plan/limits';
import { abortIncomplete, listIncomplete, type IncompleteUpload, type AbortResult } from '../s3/incomplete-uploads';
import type { Journal } from '../journal/journal-store';
import type { ClientPool } from '../s3/s3-client';
import type { BucketToolsApi } from '../types';
import type { CreateRecord } from '../journal/create-record';
import { sweepCreates, type CreateSweep } from './create-sweep';

export class BucketTools implements BucketToolsApi {
  constructor(
    protected readonly clients: ClientPool,
    protected readonly journal: Journal | undefined,
    private readonly cleanupAttempts: number,
  ) {}

  testConnection(endpoint: Endpoint, bucket: string) {
    return checkConnection(() => this.clients.get(endpoint), endpoint, bucket);
  }

  async keyExists(target: Target, key: string): Promise<boolean> {
    return (await existingKeys(this.clients.get(target), target.bucket, [key])).has(key);
  }

  existingKeys(target: Target, keys: string[]): Promise<Map<string, FileFacts>> {
    return existingKeys(this.clients.get(target), target.bucket, keys);
  }

  compareWithObjects(
    target: Target,
    files: readonly LocalObjectFile[],
    signal?: AbortSignal,
  ): Promise<Map<string, Sameness>> {
    const partSize = target.partSize ?? DEFAULT_PART_SIZE;
    return compareWithObjects(this.clients.get(target), target.bucket, files, partSize, signal);
  }

  async listIncomplete(endpoint: Endpoint, bucket: string, prefix = ''): Promise<IncompleteUpload[]> {
    const ours = new Set((await this.journal?.list())?.map((j) => j.uploadId));
    return listIncomplete(this.clients.get(endpoint), bucket, prefix, ours);
  }

  /** Sweeps the create records a process that died left (create-sweep.ts); without a journal, there are none. */
  async sweepCreates(endpointFor: (record: CreateRecord) => Endpoint | undefined): Promise<CreateSweep[]> {
    return this.journal ? sweepCreates(this.journal, this.clients, this.cleanupAttempts, endpointFor) : [];
  }

  async abortIncomplete(
    endpoint: Endpoint,
    bucket: string,
    uploads: { key: string; uploadId: string }[],
  ): Promise<AbortResult[]> {
    const results = await abortIncomplete(this.clients.get(endpoint), bucket, uploads, this.cleanupAttempts);
    for (const r of results) if (r.verified) await this.journal?.remove({ bucket, key: r.key, uploadId: r.uploadId });
    return results;
  }
}
