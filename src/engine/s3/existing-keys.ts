// Which of a batch's keys already exist, for the "overwrite, skip or keep both" question. A few keys get a HEAD
// each; a large batch is answered from listings of the keys' common prefix, one request per 1,000 keys listed.
// Each found key comes with the object's size and date, which the question shows beside the local file's.
import { s3Sdk, type ControlClient } from './s3-sdk';
import type { FileFacts } from '../../shared/upload-item';

/** Up to this many keys get a HEAD each; more are answered from listings. */
export const HEAD_LIMIT = 20;
const TIMEOUT_MS = 30_000;

export async function existingKeys(
  client: ControlClient,
  bucket: string,
  keys: string[],
): Promise<Map<string, FileFacts>> {
  const found = new Map<string, FileFacts>();
  if (keys.length === 0) return found;
  if (keys.length <= HEAD_LIMIT) {
    await Promise.all(
      keys.map(async (key) => {
        const facts = await headFacts(client, bucket, key);
        if (facts) found.set(key, facts);
      }),
    );
    return found;
  }
  const wanted = new Set(keys);
  let token: string | undefined;
  do {
    const page = await client.send(
      new (await s3Sdk()).ListObjectsV2Command({
        Bucket: bucket,
        Prefix: commonPrefix(keys) || undefined,
        ContinuationToken: token,
      }),
      { abortSignal: AbortSignal.timeout(TIMEOUT_MS) },
    );
    for (const o of page.Contents ?? []) {
      if (o.Key && wanted.has(o.Key))
        found.set(o.Key, { size: o.Size ?? 0, modifiedAt: o.LastModified?.getTime() ?? null });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

/** The object's size and date, or null when there is no object at key. */
export async function headFacts(client: ControlClient, bucket: string, key: string): Promise<FileFacts | null> {
  try {
    const head = await client.send(new (await s3Sdk()).HeadObjectCommand({ Bucket: bucket, Key: key }), {
      abortSignal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified?.getTime() ?? null };
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
    throw err;
  }
}

export function commonPrefix(keys: string[]): string {
  let prefix = keys[0] ?? '';
  for (const k of keys) {
    let i = 0;
    while (i < prefix.length && i < k.length && prefix[i] === k[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
