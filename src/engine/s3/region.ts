// A bucket's region, when requests went to the wrong one. S3 answers a request signed for or sent to another region
// with PermanentRedirect (301), AuthorizationHeaderMalformed ("the region 'us-east-1' is wrong; expecting
// 'eu-west-3'") or IllegalLocationConstraintException, most with an x-amz-bucket-region header; HeadBucket names the
// region in that header whatever it answers. What is learned here is kept per bucket by the ClientPool, which then
// sends every later request of the bucket there (s3-client.ts), and the request that was refused is sent again at once.
import type { S3Client } from '@aws-sdk/client-s3';
import { s3Sdk, type ControlClient } from './s3-sdk';
import { markClockFixed } from './lean/clock';
import type { MessageText } from '../../shared/upload-state';
import { translate } from '../../shared/i18n';

const REGION_CODES = new Set([
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'IllegalLocationConstraintException',
]);
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

interface RegionErrorLike {
  name?: string;
  Code?: string;
  message?: string;
  Region?: string;
  Endpoint?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/** Whether S3 refused a request because it went to (or was signed for) another region than the bucket's. */
export function isWrongRegion(err: unknown): boolean {
  const e = (err ?? {}) as RegionErrorLike;
  return REGION_CODES.has(e.Code ?? e.name ?? '') || e.$metadata?.httpStatusCode === 301;
}

/** The bucket's region as the refusal names it: its header, its <Region>, its words, or its <Endpoint>'s host. */
export function regionInError(err: unknown): string | undefined {
  const e = (err ?? {}) as RegionErrorLike;
  const candidates = [
    e.$response?.headers?.['x-amz-bucket-region'],
    e.Region,
    /expecting '([a-z0-9-]+)'/.exec(e.message ?? '')?.[1],
    /\.s3[.-]([a-z0-9-]+)\.amazonaws\.com/.exec(e.Endpoint ?? '')?.[1],
  ];
  return candidates.find((c): c is string => typeof c === 'string' && REGION_NAME.test(c));
}

/**
 * Asks S3 where the bucket is: HeadBucket's x-amz-bucket-region header, on its answer or its refusal (a 301, or a
 * 403 when ListBucket is denied: S3 still names the region). Undefined when the server does not say.
 */
export async function findBucketRegion(
  client: ControlClient,
  bucket: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const answer = await client.send(
      new (await s3Sdk()).HeadBucketCommand({ Bucket: bucket }),
      signal ? { abortSignal: signal } : {},
    );
    return answer.BucketRegion && REGION_NAME.test(answer.BucketRegion) ? answer.BucketRegion : undefined;
  } catch (err) {
    return regionInError(err);
  }
}

/** The notice that a bucket's region was corrected, in words and as keys (for the window's language). */
export function regionCorrected(bucket: string, asked: string, region: string): { message: string; text: MessageText } {
  const params = { bucket, asked: asked || '(none)', region };
  return {
    message: translate('en', 'credentials.region.corrected', params),
    text: { key: 'credentials.region.corrected', params },
  };
}

/** Commands whose body is a stream read once: not sent again by the client, but by their sender (resendOnClockFix). */
const STREAMED_BODIES = new Set(['PutObjectCommand', 'UploadPartCommand']);

/**
 * Corrects a client's calls: a refusal naming another region than `asked` (or leading HeadBucket to one) is told to
 * `learn`, and the call is sent again there at once through the SDK's own redirect hook (context.__s3RegionRedirect);
 * later calls get a client for that region from the pool. A streamed body cannot be sent twice by the client: its
 * refusal is marked for its sender instead (clock.ts, resendOnClockFix: sent again at once, to the learned region).
 */
export function correctRegions(
  client: S3Client,
  asked: string,
  learn: (bucket: string, region: string) => void,
): S3Client {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        const bucket = (args.input as { Bucket?: unknown }).Bucket;
        if (typeof bucket !== 'string' || !isWrongRegion(err) || context.commandName === 'HeadBucketCommand') throw err;
        const region = regionInError(err) ?? (await findBucketRegion(client, bucket));
        if (!region || region === asked) throw err;
        learn(bucket, region);
        if (STREAMED_BODIES.has(context.commandName ?? '')) {
          markClockFixed(err);
          throw err;
        }
        (context as { __s3RegionRedirect?: string }).__s3RegionRedirect = region;
        return next(args);
      }
    },
    { step: 'initialize', name: 'hoistBucketRegion', override: true },
  );
  return client;
}
