// The journal's record of a CreateMultipartUpload under way (see CreateRecord), kept beside the upload entries.
import { createHash } from 'node:crypto';
import type { JournalEntry } from './journal-store';

/**
 * A CreateMultipartUpload about to go out, written before it is sent and removed once its answer is in an entry (or
 * no upload can have come of it). Should the process die between the two (a kill -9, a crash, a power cut), this is
 * all that tells of an upload the server may hold with no entry naming it: a sweep (BucketTools.sweepCreates, run by
 * `hoist resume` and the app's start) looks for the key's uploads initiated about sentAt and removes them.
 */
export type CreateRecord = CreatePlace &
  Pick<JournalEntry, 'version' | 'owner'> & {
    /** When the create went out (ms, this machine's clock): the record is written just before it is sent. */
    sentAt: number;
  };

/** The file and where its upload goes: what a create record shares with the upload's entry. */
export type CreatePlace = Pick<
  JournalEntry,
  'path' | 'endpointUrl' | 'region' | 'forcePathStyle' | 'checksum' | 'profileId' | 'bucket' | 'key'
>;

/** Whether a parsed file is a record this version can sweep. */
export function isCreateRecord(r: CreateRecord): boolean {
  return (
    r.version === 1 &&
    typeof r.bucket === 'string' &&
    !!r.bucket &&
    typeof r.key === 'string' &&
    !!r.key &&
    typeof r.path === 'string' &&
    typeof r.region === 'string' &&
    Number.isFinite(r.sentAt) &&
    r.sentAt > 0 &&
    (r.owner === undefined || (Number.isInteger(r.owner?.pid) && typeof r.owner?.host === 'string'))
  );
}

/** Create records end so, not in .json: a Hoist from before them reads only .json files, and passes these by. */
export const CREATE_SUFFIX = '.create';

/** One create's record, named by its key, process and time: two processes' creates of one key keep a file each. */
export function createRecordName(r: Pick<CreateRecord, 'bucket' | 'key' | 'sentAt' | 'owner'>): string {
  const who = `${r.owner?.host ?? ''}\n${r.owner?.pid ?? ''}\n${r.sentAt}`;
  return `${createHash('sha256').update(`${r.bucket}\n${r.key}\n${who}`).digest('hex').slice(0, 32)}${CREATE_SUFFIX}`;
}
