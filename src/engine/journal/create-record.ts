// The journal's record of a CreateMultipartUpload under way (see CreateRecord), kept beside the upload entries.
import { createHash } from 'node:crypto';
import type { JournalEntry } from './journal-store';
import { sameEndpointServer } from '../../shared/endpoint-identity';

/**
 * A CreateMultipartUpload about to go out, written before its first attempt is sent (and again before each further
 * attempt), and removed once its answer is in an entry (or no upload can have come of it). Should the process die
 * between the two (a kill -9, a crash, a power cut), this is all that tells of an upload the server may hold with no
 * entry naming it: a sweep (BucketTools.sweepCreates, run by `hoist resume` and the app's start) looks for the key's
 * uploads initiated from about sentAt to about lastSentAt and removes them.
 */
export type CreateRecord = CreatePlace &
  Pick<JournalEntry, 'version' | 'owner'> & {
    /** When the first attempt went out (ms, this machine's clock): the record is written just before. */
    sentAt: number;
    /** When the last attempt went out; missing: sentAt. */
    lastSentAt?: number;
    /**
     * Attempts sent that may have made an upload nobody knows of (a server makes at most one per request): those
     * refused with an answer, and the one whose answer named the upload, are taken off again. Missing: not known, and
     * only a look after the window has closed settles the record.
     */
    attempts?: number;
  };

/** The file and where its upload goes: what a create record shares with the upload's entry. */
export type CreatePlace = Pick<
  JournalEntry,
  'path' | 'endpointUrl' | 'region' | 'forcePathStyle' | 'checksum' | 'profileId' | 'bucket' | 'key'
>;

/** Whether a parsed file is a record this version can sweep. */
export function isCreateRecord(r: CreateRecord): boolean {
  const text = (v: unknown) => typeof v === 'string' && v !== '';
  const optional = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);
  const time = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  return (
    r.version === 1 &&
    text(r.bucket) &&
    text(r.key) &&
    text(r.path) &&
    typeof r.region === 'string' &&
    typeof r.forcePathStyle === 'boolean' &&
    optional(r.endpointUrl, (v) => typeof v === 'string') &&
    optional(r.profileId, (v) => typeof v === 'string') &&
    time(r.sentAt) &&
    optional(r.lastSentAt, time) &&
    optional(r.attempts, (v) => Number.isInteger(v) && (v as number) >= 0) &&
    typeof r.checksum === 'string' &&
    optional(r.owner, (o) => Number.isInteger((o as { pid?: unknown }).pid) && text((o as { host?: unknown }).host))
  );
}

/** Create records end so, not in .json: a Hoist from before them reads only .json files, and passes these by. */
export const CREATE_SUFFIX = '.create';

/**
 * One create's record, named by its server, key, process and first send: two processes' creates of one key keep a
 * file each. Rewritten in place for each further attempt.
 */
export function createRecordName(
  r: Pick<CreateRecord, 'endpointUrl' | 'region' | 'bucket' | 'key' | 'sentAt' | 'owner'>,
): string {
  const where = `${r.endpointUrl ?? ''}\n${r.region}\n${r.bucket}\n${r.key}`;
  const who = `${r.owner?.host ?? ''}\n${r.owner?.pid ?? ''}\n${r.sentAt}`;
  return `${createHash('sha256').update(`${where}\n${who}`).digest('hex').slice(0, 32)}${CREATE_SUFFIX}`;
}

/** Whether two creates (or a create and an upload's place) are of the same key on the same server. */
export function sameCreateKey(
  a: Pick<CreatePlace, 'bucket' | 'key' | 'endpointUrl'>,
  b: Pick<CreatePlace, 'bucket' | 'key' | 'endpointUrl'>,
): boolean {
  return a.bucket === b.bucket && a.key === b.key && sameEndpointServer(a.endpointUrl ?? '', b.endpointUrl ?? '');
}
