// Picking up a multipart upload again: which of the parts the server lists can be kept, and whether an upload the
// server no longer lists had in fact completed.
import { createHash } from 'node:crypto';
import type { CompletedPart, Part } from '@aws-sdk/client-s3';
import type { ControlClient } from '../s3/s3-sdk';
import { headObject, unlessUnlooked } from '../s3/abort-upload';
import { partHoldsRange } from './integrity';
import { partRange, type PartPlan } from '../plan/part-plan';

export interface KeptParts {
  plan: PartPlan;
  done: Map<number, CompletedPart>;
  /** Bytes of the file the kept parts hold: already on the server, so progress starts there. */
  bytes: number;
}

export interface ResumeFile {
  path: string;
  size: number;
  partSize: number;
  /** The parts this client saw the server accept, by number (ResumePoint.knownParts). */
  accepted: ReadonlyMap<number, CompletedPart>;
}

const sameEtag = (a: string | undefined, b: string | undefined): boolean =>
  !!a && !!b && a.replace(/"/g, '').toLowerCase() === b.replace(/"/g, '').toLowerCase();

/**
 * The listed parts a resume may keep; the rest are sent again. A part must fit the plan for this file and part size,
 * and be one whose acceptance this client saw (same ETag), or else hold the file's bytes for its range (integrity.ts
 * partHoldsRange): a part that was in flight when the client died may be listed although its body never arrived
 * whole (versitygw kept such parts zero-filled at full length).
 */
export async function keepListedParts(listed: Part[], file: ResumeFile, signal: AbortSignal): Promise<KeptParts> {
  const plan = { partSize: file.partSize, partCount: Math.max(1, Math.ceil(file.size / file.partSize)) };
  const done = new Map<number, CompletedPart>();
  let bytes = 0;
  for (const p of listed) {
    if (!p.PartNumber || p.PartNumber < 1 || p.PartNumber > plan.partCount) continue;
    const range = partRange(plan, file.size, p.PartNumber);
    // A part of the wrong size (a stray from another run) is sent again rather than trusted.
    if (p.Size !== range.end - range.start) continue;
    const vouched =
      sameEtag(file.accepted.get(p.PartNumber)?.ETag, p.ETag) ||
      (await partHoldsRange(p, file.path, range.start, range.end, signal));
    if (!vouched) continue;
    done.set(p.PartNumber, { PartNumber: p.PartNumber, ETag: p.ETag, ChecksumCRC32: p.ChecksumCRC32 });
    bytes += p.Size;
  }
  return { plan, done, bytes };
}

/**
 * The ETag S3 gives the object a Complete makes of these parts: the MD5 of their MD5s, then "-" and their count.
 * undefined where a part's ETag is not an MD5 (SSE-KMS and SSE-C give other ETags), or with no parts.
 */
export function multipartEtag(parts: readonly Pick<CompletedPart, 'ETag'>[]): string | undefined {
  const md5s: Buffer[] = [];
  for (const p of parts) {
    const hex = p.ETag?.replace(/"/g, '') ?? '';
    if (!/^[0-9a-f]{32}$/i.test(hex)) return undefined;
    md5s.push(Buffer.from(hex, 'hex'));
  }
  if (md5s.length === 0) return undefined;
  return `"${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${md5s.length}"`;
}

/** multipartEtag of a journal's parts, where it names every part of the file (a run killed during its Complete). */
export function journalledEtag(
  parts: readonly { partNumber: number; etag: string }[] | undefined,
  partSize: number,
  size: number,
): string | undefined {
  const count = Math.max(1, Math.ceil(size / partSize));
  const byNumber = new Map((parts ?? []).map((p) => [p.partNumber, p.etag]));
  const all = Array.from({ length: count }, (_, i) => ({ ETag: byNumber.get(i + 1) }));
  return all.every((p) => p.ETag !== undefined) ? multipartEtag(all) : undefined;
}

/**
 * The ETag of an object at the key that this upload's completion would have made: the file's size, and the ETag that
 * completion gives (`expected`, multipartEtag), or else written since the upload started (less a second, as S3 keeps
 * whole seconds). undefined if there is none. The ETag names the completion whatever the server's clock says: by the
 * time alone, a server whose clock is behind this machine's had its object taken for an older one, and a cancel during
 * Complete said "verified" while the object was there. A look that failed throws ObjectUnlooked (headObject).
 */
export async function completedObjectEtag(
  client: ControlClient,
  bucket: string,
  key: string,
  size: number,
  startedAt: number | undefined,
  expected?: string,
): Promise<string | undefined> {
  if (startedAt === undefined && expected === undefined) return undefined;
  const head = await headObject(client, bucket, key);
  if (!head || head.ContentLength !== size) return undefined;
  if (expected !== undefined && sameEtag(head.ETag, expected)) return head.ETag!;
  if (startedAt === undefined || (head.LastModified?.getTime() ?? 0) < startedAt - 1000) return undefined;
  return head.ETag ?? '';
}

/**
 * When the key's object was written, if that was after the upload started (by more than S3's whole second): another
 * upload replaced it meanwhile, and completing this one would put the older file back. undefined otherwise.
 */
export async function newerObjectSince(
  client: ControlClient,
  bucket: string,
  key: string,
  startedAt: number,
): Promise<Date | undefined> {
  // A failed look is taken for no newer object, as before looks told failures apart: credentials that may write but
  // not read (HeadObject 403) would otherwise never resume. What this guards against needs a second writer as well.
  const head = await unlessUnlooked(headObject(client, bucket, key));
  const at = head?.LastModified;
  return at && at.getTime() > startedAt + 1000 ? at : undefined;
}

/**
 * The parts of `sent` that the server's list shows with another ETag, or not at all: Complete answered InvalidPart,
 * so the server holds other bytes for them than those it took from this job. A connection that died mid-part can
 * land after the part was sent again (a proxy that still held a killed run's body forwarded it late; versitygw then
 * kept the cut-off body, zero-filled), and the server keeps the last write.
 */
export function partsToSendAgain(listed: readonly Part[], sent: readonly CompletedPart[]): number[] {
  const held = new Map(listed.map((p) => [p.PartNumber, p.ETag]));
  return sent.filter((p) => !sameEtag(held.get(p.PartNumber), p.ETag)).map((p) => p.PartNumber!);
}
