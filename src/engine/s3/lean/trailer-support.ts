// Whether an endpoint takes a part's CRC32 as an aws-chunked trailer (aws-chunked.ts), learned from its answers.
//
// S3 does, and so do versitygw and moto; other S3-compatible servers differ, and one that ignored the encoding would
// keep the framing as the part's bytes. So the trailer is trusted only when the server's answer names the very CRC32
// that was sent (S3 answers an UploadPart with its x-amz-checksum-crc32): the server read the frame to its end, and
// S3 and versitygw check the CRC32 against what they decoded (moto names back whatever it was sent).
// An answer without it, or a refusal of the first trailer, turns the endpoint back to the CRC32 header for the rest
// of the run, and the part goes again at once that way (its part number replaces whatever the server kept of it).
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
   * not to take the trailer, else err itself.
   */
  failed(err?: unknown): unknown {
    const refusal = err === undefined || (this.learned === 'untried' && refusesTrailer(err));
    if (!refusal) return err;
    this.learned = 'refused';
    return Object.assign(new Error('The server did not take the CRC32 as a trailer.'), {
      name: 'TrailerRefused',
      cause: err,
      [REFUSED]: true,
    });
  }
}

const REFUSED = Symbol('trailerRefused');

/** An answer that may be the server's refusal of the encoding (not of the time, the region or the user's rights). */
function refusesTrailer(err: unknown): boolean {
  const e = (err ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined || isClockSkew(err) || isWrongRegion(err)) return false;
  if (status === 403) return e.name === 'SignatureDoesNotMatch';
  return (status >= 400 && status < 500) || status === 501;
}

export function isTrailerRefused(err: unknown): boolean {
  return !!err && typeof err === 'object' && REFUSED in err;
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
