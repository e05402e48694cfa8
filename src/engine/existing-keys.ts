// Which of a batch's keys already exist, for the "overwrite, skip or keep both" question. A few keys get a HEAD
// each; a large batch is answered from listings of the keys' common prefix, one request per 1,000 keys listed.
import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

const HEAD_LIMIT = 20;
const TIMEOUT_MS = 30_000;

export async function existingKeys(client: S3Client, bucket: string, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (keys.length === 0) return found;
  if (keys.length <= HEAD_LIMIT) {
    await Promise.all(keys.map(async (key) => {
      if (await headExists(client, bucket, key)) found.add(key);
    }));
    return found;
  }
  const wanted = new Set(keys);
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: commonPrefix(keys) || undefined, ContinuationToken: token }),
      { abortSignal: AbortSignal.timeout(TIMEOUT_MS) },
    );
    for (const o of page.Contents ?? []) if (o.Key && wanted.has(o.Key)) found.add(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

export async function headExists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: AbortSignal.timeout(TIMEOUT_MS) });
    return true;
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return false;
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
