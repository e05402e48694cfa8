// Where an upload goes. Shared by the engine, the settings schema and the CLI.
import type { ObjectOptions } from './object-options';

/**
 * The integrity check each request carrying file bytes gets: 'auto' is CRC32, or Content-MD5 where an endpoint
 * refuses the CRC32 header; 'off' sends none (a body cut short may then be kept by a server).
 */
export type ChecksumMode = 'auto' | 'crc32' | 'md5' | 'off';

/**
 * How the requests that carry file bytes (PutObject, UploadPart) are sent: 'lean' signs them with the SDK's signer and
 * sends them over node:http(s), a small file's PUT straight over the socket (a third of the SDK's CPU per request, or
 * less); 'sdk' sends them through @aws-sdk/client-s3, the fallback for a provider the lean path does not suit.
 * Control calls always go through the SDK.
 */
export type DataPathKind = 'lean' | 'sdk';
export const DATA_PATH_KINDS: readonly DataPathKind[] = ['lean', 'sdk'];

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Endpoint {
  /** Blank or undefined means AWS S3 for the region. */
  endpointUrl?: string;
  region: string;
  forcePathStyle: boolean;
  checksum: ChecksumMode;
  /** Undefined: the standard AWS chain (environment, AWS_PROFILE, shared config files), or awsProfile's. */
  credentials?: Credentials;
  /**
   * A named profile of ~/.aws/config and ~/.aws/credentials (static keys, credential_process, role_arn, SSO), read
   * through the SDK's own providers; used when credentials is undefined.
   */
  awsProfile?: string;
  /** An http(s) proxy URL for every request (CONNECT for https); undefined: HTTPS_PROXY/HTTP_PROXY/NO_PROXY or none. */
  proxyUrl?: string;
  /**
   * A PEM file of the certificates to trust for https endpoints instead of the system's (as the AWS CLI's
   * --ca-bundle and AWS_CA_BUNDLE): for a server whose certificate a private CA signed.
   */
  caBundle?: string;
  /** Undefined: the engine's default (lean). */
  dataPath?: DataPathKind;
}

export interface Target extends Endpoint {
  /** The app's profile this target came from, recorded in the journal so a resume can find its credentials. */
  profileId?: string;
  bucket: string;
  /** Per-target settings from a profile; the engine's defaults apply where they are missing. */
  partSize?: number;
  partsPerFile?: number;
  /** Upload speed limit for this target in bytes per second; 0 or missing means none. */
  bytesPerSecond?: number;
  /** What each object gets besides its bytes (content type, metadata, tags, …); missing: DEFAULT_OBJECT_OPTIONS. */
  objectOptions?: ObjectOptions;
  /** Key prefix. '' or ending in '/' means "keep the file names under it"; otherwise it is the exact key of a single file. */
  prefix: string;
}
