// Share links: a presigned GET URL for one object, signed with the endpoint's own client (so path-style or
// virtual-host addressing, a custom endpoint and the clock correction are the upload's), that anyone can open with
// a plain HTTP GET until it expires. Nothing is sent to the server to make one.
import type { S3Client } from '@aws-sdk/client-s3';
import { s3Sdk } from './s3-sdk';
import { HoistError } from './errors';

/** SigV4 refuses a presigned URL that lives longer than 7 days. */
export const SHARE_LINK_MAX_SECONDS = 7 * 24 * 3600;
/** Hoist's shortest link: shorter ones tend to expire before they are opened. */
export const SHARE_LINK_MIN_SECONDS = 3600;

export interface ShareLinkRequest {
  bucket: string;
  key: string;
  /** How long the link works, in seconds: SHARE_LINK_MIN_SECONDS to SHARE_LINK_MAX_SECONDS. */
  expiresInSeconds: number;
}

export interface SignedShareLink {
  url: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** Throws a HoistError saying the allowed range when `seconds` is outside 1 hour to 7 days. */
export function checkShareExpiry(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < SHARE_LINK_MIN_SECONDS || seconds > SHARE_LINK_MAX_SECONDS) {
    throw new HoistError(
      'ShareLinkExpiry',
      `A share link can work for 1 hour to 7 days (3600 to 604800 seconds; 7 days is the most a signed S3 link allows), not ${seconds} seconds.`,
    );
  }
}

export async function signShareLink(client: S3Client, request: ShareLinkRequest): Promise<SignedShareLink> {
  checkShareExpiry(request.expiresInSeconds);
  const signedAt = Date.now();
  // The presigner, like the SDK, is loaded when a link is asked for, not at every start.
  const [{ GetObjectCommand }, { getSignedUrl }] = await Promise.all([
    s3Sdk(),
    import('@aws-sdk/s3-request-presigner'),
  ]);
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: request.bucket, Key: request.key }), {
    expiresIn: request.expiresInSeconds,
  });
  return { url, expiresAt: signedAt + request.expiresInSeconds * 1000 };
}
