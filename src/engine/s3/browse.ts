// The destination browser's questions to a server: which buckets these keys may see, and one page of a folder (its
// sub-folders and the objects directly in it). Failures come back as HoistErrors worded with the bucket and endpoint;
// a ListBuckets that the keys may not send is an answer ('refused'), since least-privilege keys often cannot.
import type { S3Client } from '@aws-sdk/client-s3';
import { s3Sdk, type ControlClient, type S3Sdk } from './s3-sdk';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { BucketListing, FolderListing } from '../../shared/ipc-objects';
import type { Endpoint } from '../../shared/target';
import {
  classify,
  connectionWords,
  describeEndpoint,
  HoistError,
  type ClassifiedError,
  type SdkLikeError,
} from './errors';
import { worded } from './error-messages';
import { createS3Client, type ClientTimeouts } from './sdk-client';

/** Keys and folders per page: enough to fill the dialog a few times over, small enough to answer at once. */
export const FOLDER_PAGE_SIZE = 200;

const DEFAULT_TIMEOUTS: ClientTimeouts = { connectTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

/**
 * How servers say "not for these keys" (or "not offered here") to ListBuckets. AWS answers AccessDenied without
 * s3:ListAllMyBuckets; some S3-compatible servers do not implement the call. Wrong keys (InvalidAccessKeyId,
 * SignatureDoesNotMatch) are not in here: those would fail every other call too, so they are reported.
 */
const LIST_BUCKETS_REFUSALS = new Set([
  'AccessDenied',
  'Forbidden',
  'AllAccessDisabled',
  'NotImplemented',
  'MethodNotAllowed',
]);

/** A failure of the browser, in English words plus the keys for the window's language. */
function browseError(code: string, key: MessageKey, params: MessageParams): HoistError {
  return new HoistError(code, translate('en', key, params), { key, params });
}

function asHoistError(c: ClassifiedError): HoistError {
  return new HoistError(c.code, c.message, c.text);
}

function statusOf(err: unknown): number | undefined {
  return (err as SdkLikeError | undefined)?.$metadata?.httpStatusCode;
}

/** The buckets these keys may list, or 'refused' when the server will not say (the page then asks for a name). */
export async function listBuckets(client: ControlClient, endpoint: Endpoint): Promise<BucketListing> {
  const where = describeEndpoint(endpoint.endpointUrl, endpoint.region);
  try {
    const answer = await client.send(new (await s3Sdk()).ListBucketsCommand({}));
    const buckets = (answer.Buckets ?? [])
      .filter((b): b is typeof b & { Name: string } => typeof b.Name === 'string' && b.Name !== '')
      .map((b) => ({ name: b.Name, createdAt: b.CreationDate ? b.CreationDate.getTime() : null }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { kind: 'listed', buckets };
  } catch (err) {
    const classified = classify(err, { file: '', bucket: '', key: '', endpoint: where });
    const status = statusOf(err);
    const bareRefusal = status === 403 && (err as SdkLikeError).Code === undefined;
    if (
      LIST_BUCKETS_REFUSALS.has(classified.code) ||
      LIST_BUCKETS_REFUSALS.has((err as SdkLikeError).name ?? '') ||
      bareRefusal
    ) {
      return { kind: 'refused', message: translate('en', 'browse.refused', { endpoint: where }) };
    }
    throw asHoistError(classified);
  }
}

export interface FolderQuery {
  bucket: string;
  /** '' for the bucket's top, else a folder ending in '/'. */
  prefix: string;
  continuationToken?: string;
  pageSize?: number;
}

/** One page of a folder: CommonPrefixes as its sub-folders, Contents as its objects (the folder's own marker left out). */
export async function listFolder(
  client: ControlClient,
  endpoint: Endpoint,
  query: FolderQuery,
): Promise<FolderListing> {
  const { bucket, prefix } = query;
  const where = describeEndpoint(endpoint.endpointUrl, endpoint.region);
  try {
    const answer = await client.send(
      new (await s3Sdk()).ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix || undefined,
        Delimiter: '/',
        MaxKeys: query.pageSize ?? FOLDER_PAGE_SIZE,
        ContinuationToken: query.continuationToken,
      }),
    );
    const folders = (answer.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : []));
    const objects = (answer.Contents ?? []).flatMap((o) =>
      o.Key && o.Key !== prefix
        ? [{ key: o.Key, size: o.Size ?? 0, modifiedAt: o.LastModified ? o.LastModified.getTime() : null }]
        : [],
    );
    const nextToken = answer.IsTruncated ? answer.NextContinuationToken : undefined;
    return { prefix, folders, objects, ...(nextToken ? { nextToken } : {}) };
  } catch (err) {
    throw folderError(err, bucket, prefix, where);
  }
}

/** The listing's failure in words about browsing (not about writing a file, as the upload messages say). */
function folderError(err: unknown, bucket: string, prefix: string, endpoint: string): HoistError {
  const classified = classify(err, { file: '', bucket, key: prefix || '/', endpoint });
  // A connection that broke or timed out: said without a key, since a listing sends none.
  const { code } = classified;
  const bare = connectionWords(code, false);
  if (bare && classified.text?.key === connectionWords(code, true))
    return asHoistError({ ...classified, ...worded(bare, { endpoint, code }) });
  switch (classified.code) {
    case 'NoSuchBucket':
      return browseError('NoSuchBucket', 'browse.error.noSuchBucket', { bucket, endpoint });
    case 'AccessDenied':
      return browseError('AccessDenied', 'browse.error.listDenied', { bucket, endpoint });
    case 'EndpointUnreachable':
      return browseError('EndpointUnreachable', 'browse.error.unreachable', {
        bucket,
        endpoint,
        code: String((err as SdkLikeError).code ?? (err as SdkLikeError).name ?? 'error'),
      });
    default:
      // Wrong keys, a certificate, an HTML page instead of S3: the upload messages already name the endpoint.
      return asHoistError(classified);
  }
}

/**
 * Clients for browsing, one per endpoint and keys, kept while the dialog is used (its pages reuse the sockets). A
 * profile edited in Settings makes a new one; the oldest beyond a few is closed.
 */
export class BucketBrowser {
  private readonly clients = new Map<string, S3Client>();

  constructor(
    private readonly timeouts: ClientTimeouts = DEFAULT_TIMEOUTS,
    private readonly keep = 4,
  ) {}

  buckets(endpoint: Endpoint): Promise<BucketListing> {
    return this.withClient(endpoint, (client) => listBuckets(client, endpoint));
  }

  folder(endpoint: Endpoint, query: FolderQuery): Promise<FolderListing> {
    return this.withClient(endpoint, (client) => listFolder(client, endpoint, query));
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private async withClient<T>(endpoint: Endpoint, ask: (client: S3Client) => Promise<T>): Promise<T> {
    let client: S3Client;
    const sdk = await s3Sdk();
    try {
      client = this.client(sdk, endpoint);
    } catch (err) {
      // An endpoint URL or CA bundle that cannot be used: createS3Client's HoistError names it.
      const where = describeEndpoint(endpoint.endpointUrl, endpoint.region);
      throw asHoistError(classify(err, { file: endpoint.caBundle ?? '', bucket: '', key: '', endpoint: where }));
    }
    return ask(client);
  }

  private client(sdk: S3Sdk, endpoint: Endpoint): S3Client {
    const id = JSON.stringify(endpoint);
    const known = this.clients.get(id);
    if (known) {
      // Most recently used last, so the first one is the one to close.
      this.clients.delete(id);
      this.clients.set(id, known);
      return known;
    }
    const client = createS3Client(sdk, endpoint, this.timeouts);
    this.clients.set(id, client);
    while (this.clients.size > this.keep) {
      const [oldest, old] = this.clients.entries().next().value as [string, S3Client];
      old.destroy();
      this.clients.delete(oldest);
    }
    return client;
  }
}
