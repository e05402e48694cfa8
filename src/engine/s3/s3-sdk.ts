// @aws-sdk/client-s3, loaded at the first control call rather than at start. The lean data path sends PutObject and
// UploadPart without it, so a run of single PUTs never loads it (nor does `hoist --version`), and the desktop app's
// main process loads it at its first listing or multipart upload. Its commands and client are taken from what
// s3Sdk() answers; the control calls' code imports only its types.
import type { S3Client } from '@aws-sdk/client-s3';

export type S3Sdk = typeof import('./sdk-modules');

let loading: Promise<S3Sdk> | undefined;

export function s3Sdk(): Promise<S3Sdk> {
  return (loading ??= import('./sdk-modules'));
}

/** What the control calls need of an SDK client: the endpoint's client itself, or one made at its first call. */
export type ControlClient = Pick<S3Client, 'send'>;

/** A client made (and the SDK loaded) at its first call. */
export class LazyClient implements ControlClient {
  private made: Promise<S3Client> | undefined;

  constructor(private readonly make: (sdk: S3Sdk) => S3Client) {}

  /** The client itself, made now if it was not: for what needs more than send() (a presigned URL, its credentials). */
  real(): Promise<S3Client> {
    return (this.made ??= s3Sdk().then(this.make));
  }

  readonly send = ((command: Parameters<S3Client['send']>[0], options?: Parameters<S3Client['send']>[1]) =>
    this.real().then((client) => client.send(command, options))) as S3Client['send'];
}
