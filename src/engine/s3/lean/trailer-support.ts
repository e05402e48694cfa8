// Whether an endpoint takes a part's CRC32 as an aws-chunked trailer (aws-chunked.ts), learned from its answers.
//
// S3 does, and so do versitygw and moto; other S3-compatible servers differ, and one that ignored the encoding would
// keep the framing as the part's bytes. So the trailer is trusted only when the server's answer names the very CRC32
// that was sent (S3 answers an UploadPart with its x-amz-checksum-crc32): the server read the frame to its end, and
// S3 and versitygw check the CRC32 against what they decoded (moto names back whatever it was sent).
// An answer without it, or a refusal of the encoding before any trailer was taken, turns the endpoint back to the CRC32
// header for the rest of the run, and the part goes again at once that way (its part number replaces whatever the
// server kept of it). A server error or a cut connection then is only suspect: that part's next attempt carries the
// header, and the endpoint keeps trying the trailer for the others.
import { isWrongRegion } from '../region';
import { isClockSkew } from './clock';
import { canTrail } from './aws-chunked';

type Learned = 'untried' | 'taken' | 'refused';

export class TrailerSupport {
  private learned: Learned = 'untried';

  /** Whether a part may go with its CRC32 as a trailer (no CRC32 header computed beforehand). */
  get usable(): boolean {
    return this.learned !== 'refused' && canTrail();
  }

  /** The server answered with the CRC32 that was sent. */
  taken(): void {
    if (this.learned === 'untried') this.learned = 'taken';
  }

  /**
   * A trailer request failed with `err` (undefined: it succeeded, but the server did not name the CRC32 sent). Answers
   * the error to throw: a TrailerRefused (the part goes again at once with the header) when the endpoint is now known
   * not to take the trailer, else err itself, marked when it may still be the trailer's fault (trailerSuspect).
   *
   * Until a server has taken a trailer, each part in flight may come back refused: every such refusal sends its own
   * part again, not only the first. Once one was taken, a refusal is about the request, not the encoding.
   */
  failed(err?: unknown): unknown {
    if (err === undefined || (this.learned !== 'taken' && refusesTrailer(err))) {
      this.learned = 'refused';
      return this.refusal(err);
    }
    if (this.learned === 'untried' && mayBeTrailersFault(err) && err && typeof err === 'object') suspects.add(err);
    return err;
  }

  /** The error for a trailer request not sent because the endpoint turned out not to take it meanwhile. */
  refusal(cause?: unknown): Error {
    return Object.assign(new Error('The server did not take the CRC32 as a trailer.'), {
      name: 'TrailerRefused',
      cause,
      [REFUSED]: true,
    });
  }
}

const REFUSED = Symbol('trailerRefused');
const suspects = new WeakSet<object>();

/**
 * The codes a server answers an encoding or a signature it does not follow with (S3's, and the stand-ins for an
 * answer with no code or no XML at all): not BadDigest (the server checked the trailer and the bytes differed), not
 * NoSuchUpload, RequestTimeout, ExpiredToken or SlowDown, which say nothing about the encoding.
 */
const REFUSAL_CODES = new Set([
  'InvalidRequest',
  'InvalidArgument',
  'NotImplemented',
  'MissingContentLength',
  'IncompleteBody',
  'XAmzContentSHA256Mismatch',
  'SignatureDoesNotMatch',
  'UnsupportedHeader',
  'Unknown',
  'Error',
]);

/** An answer that may be the server's refusal of the encoding (not of the time, the region or the user's rights). */
function refusesTrailer(err: unknown): boolean {
  const e = (err ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined || isClockSkew(err) || isWrongRegion(err)) return false;
  if (status === 501 || status === 411) return true;
  return (status === 400 || status === 403) && REFUSAL_CODES.has(e.name ?? '');
}

/** A server error or a connection cut before any trailer was taken: perhaps the server's way of refusing it. */
function mayBeTrailersFault(err: unknown): boolean {
  const e = (err ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'AbortError') return false;
  const status = e.$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}

export function isTrailerRefused(err: unknown): boolean {
  return !!err && typeof err === 'object' && REFUSED in err;
}

/**
 * A failed trailer request that the endpoint's state does not explain (a 5xx, a connection cut) before any trailer
 * was taken: the part's next attempt goes with the header, so that a server that fails every trailer that way still
 * gets its parts, and the endpoint keeps trying the trailer for the other parts.
 */
export function isTrailerSuspect(err: unknown): boolean {
  return !!err && typeof err === 'object' && suspects.has(err);
}

/**
 * Runs `send` (one attempt, which decides afresh whether to use the trailer), and once more at once when the endpoint
 * turned out not to take it: that attempt goes with the CRC32 header.
 */
export async function resendWithoutTrailer<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (!isTrailerRefused(err)) throw err;
    return send();
  }
}
