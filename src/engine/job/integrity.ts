// The integrity check each request that carries file bytes gets, so that the server itself refuses a body that
// arrived cut short or changed. Without one, a part whose sender died mid-body can be kept: versitygw stored such
// parts at full length, zero-filled at the end, and a resume that trusted them completed a corrupt object.
//
// 'auto' sends x-amz-checksum-crc32 (zlib's native CRC32: about a fifth of MD5's CPU) and falls back to Content-MD5,
// which every S3-compatible server checks, for an endpoint that refuses the CRC32 header: Cloudflare R2 answers
// 501 NotImplemented and Backblaze B2 "Unsupported header" (docs/peers notes).
import type { ChecksumMode } from '../../shared/target';
import { bufferDigest, etagAsMd5Base64, fileRangeDigest } from './file-checksum';

export type Integrity = 'crc32' | 'md5' | 'none';

/** What a request carrying bytes adds to its input: spread into PutObject and UploadPart. */
export interface BodyDigest {
  ChecksumCRC32?: string;
  ContentMD5?: string;
}

/** One per endpoint and credentials (see ClientPool), so that a fallback learned by one file serves the next. */
export class IntegrityChoice {
  constructor(
    private mode: Integrity,
    private readonly auto: boolean,
  ) {}

  get current(): Integrity {
    return this.mode;
  }

  /**
   * After a request with a CRC32 header failed: true when 'auto' now falls back to Content-MD5 for this endpoint,
   * so that the caller sends the request again with it.
   */
  fallBack(err: unknown): boolean {
    if (!this.auto || this.mode !== 'crc32' || !refusesChecksumHeader(err)) return false;
    this.mode = 'md5';
    return true;
  }
}

export function integrityChoice(mode: ChecksumMode): IntegrityChoice {
  switch (mode) {
    case 'crc32':
      return new IntegrityChoice('crc32', false);
    case 'md5':
      return new IntegrityChoice('md5', false);
    case 'off':
      return new IntegrityChoice('none', false);
    default:
      return new IntegrityChoice('crc32', true);
  }
}

interface AnsweredError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Error codes for bytes that did not match their checksum header (S3's, and its aws-chunked trailer's). */
const DIGEST_MISMATCH = ['BadDigest', 'XAmzContentChecksumMismatch'];

/** The server's answer says it does not take the checksum header (not that the bytes were wrong: that is BadDigest). */
export function refusesChecksumHeader(err: unknown): boolean {
  const e = (err ?? {}) as AnsweredError;
  const status = e.$metadata?.httpStatusCode;
  if (status === 501 || e.name === 'NotImplemented') return true;
  if (status !== 400) return false;
  const message = e.message ?? '';
  // Bytes that did not match the checksum (a file changed while it was read, a corrupted transfer) are that
  // request's failure, retried with a fresh checksum: the endpoint took the header, and keeps CRC32. AWS words it
  // "The CRC32 you specified did not match the calculated checksum", which the test below would read as a refusal.
  if (DIGEST_MISMATCH.includes(e.name ?? '') || /did not match|does not match/i.test(message)) return false;
  // A 400 about one of the object's options (a KMS key, a tag, the storage class, the ACL) is not about the checksum:
  // it stays the file's failure, worded for that option, and the endpoint keeps CRC32 for the other files.
  if (!/checksum/i.test(message) && OPTION_WORDS.test(message)) return false;
  return (
    ['InvalidArgument', 'InvalidRequest', 'UnsupportedHeader', 'NotImplemented'].includes(e.name ?? '') ||
    /checksum|unsupported header/i.test(message)
  );
}

/** Words of a refusal of an object option rather than of the checksum header. */
const OPTION_WORDS = /encrypt|kms|tag|storage.?class|acl\b|canned/i;

/** The digest of a file range for the given check. */
export async function bodyDigest(
  integrity: Integrity,
  path: string,
  start: number,
  end: number,
  signal: AbortSignal,
): Promise<BodyDigest> {
  if (integrity === 'crc32') return { ChecksumCRC32: await fileRangeDigest(path, start, end, 'crc32', signal) };
  if (integrity === 'md5') return { ContentMD5: await fileRangeDigest(path, start, end, 'md5', signal) };
  return {};
}

/** As bodyDigest, for a body already in memory: no second read of the file. */
export function bufferBodyDigest(integrity: Integrity, data: Uint8Array): BodyDigest {
  if (integrity === 'crc32') return { ChecksumCRC32: bufferDigest(data, 'crc32') };
  if (integrity === 'md5') return { ContentMD5: bufferDigest(data, 'md5') };
  return {};
}

/**
 * Whether a part the server lists holds the file's bytes for its range: its ETag is the MD5 of the bytes (S3 and its
 * peers, for parts not encrypted with KMS), or its CRC32 matches. A part that can be vouched for neither way is not.
 */
export async function partHoldsRange(
  listed: { ETag?: string; ChecksumCRC32?: string },
  path: string,
  start: number,
  end: number,
  signal: AbortSignal,
): Promise<boolean> {
  const md5 = etagAsMd5Base64(listed.ETag);
  if (md5 !== undefined) return md5 === (await fileRangeDigest(path, start, end, 'md5', signal));
  if (listed.ChecksumCRC32) return listed.ChecksumCRC32 === (await fileRangeDigest(path, start, end, 'crc32', signal));
  return false;
}
