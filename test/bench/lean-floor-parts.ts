// The lean floor for a big file (lean-floor.ts is the one for a folder's files): one multipart upload in the shape
// hoist gives it by default (8 MiB parts, 4 in flight), each part an UploadPart over node:http signed by hoist's
// LeanSigner and carrying its CRC32 as an aws-chunked trailer (src/engine/s3/lean/aws-chunked.ts), as hoist's lean
// path sends a part; Create and Complete go through @aws-sdk/client-s3, as they do in hoist. The bytes are read 1 MiB
// at a time into a few reused buffers and written to the request two reads ahead of the socket: the cheapest read and
// send size io-floor.mjs measured. No engine: no retries, progress, speed limit, cancel, journal, history or output.
//
// Why a floor on the server itself: the bench's servers run on the client's machine, and their load raises every
// client's CPU (hoist's 1 GiB took 0.92 s to the keep-alive sink and 1.37 s to moto, medians of 5 to 7 runs each);
// io-floor.mjs measures Node's reads and writes with no server beside them. This floor sends the same requests to the
// same server; but that server's load moves from run to run, so a floor measured above hoist bounds nothing in its run
// (targets.ts marks it).
//
// Usage: node lean-floor-parts.mjs FILE s3://BUCKET/KEY --endpoint-url URL   (credentials from AWS_* variables)
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Crc32Framer, trailerHeaders } from '../../src/engine/s3/lean/aws-chunked';
import { encodeSegment, objectUrl, type ObjectUrl } from '../../src/engine/s3/lean/object-url';
import type { LeanSigner } from '../../src/engine/s3/lean/sign';
import { closeQuietly, openForRead, readAt } from '../../src/engine/fs/descriptor-reads';
import { readBuffer } from '../../src/engine/job/read-buffer';
import { leanFloorSetup } from './lean-floor-setup';

const MiB = 1024 * 1024;
/** hoist's default part size and parts in flight per file. */
const FLOOR_PART_SIZE = 8 * MiB;
const PARTS_IN_FLIGHT = 4;
/** Read and written at a time. */
const READ_SIZE = MiB;
/** Writes handed to a request and not yet taken by its socket, while the next read runs. */
const WRITES_AHEAD = 2;

interface PartsJob {
  path: string;
  size: number;
  bucket: string;
  key: string;
  endpoint: string;
  region: string;
  url: ObjectUrl;
  signer: LeanSigner;
  agent: http.Agent;
}

interface Sent {
  PartNumber: number;
  ETag: string;
  ChecksumCRC32: string;
}

/**
 * Uploads the file as parts; on a failure, stops every part (no new one starts, those in flight are cut), waits for
 * them all, aborts the upload, and throws.
 */
async function uploadInParts(job: PartsJob): Promise<void> {
  const client = new S3Client({ endpoint: job.endpoint, region: job.region, forcePathStyle: true });
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: job.bucket, Key: job.key, ChecksumAlgorithm: 'CRC32' }),
  );
  if (!UploadId) throw new Error('CreateMultipartUpload answered no UploadId');
  const stop = new AbortController();
  let fd: number | undefined;
  try {
    fd = await openForRead(job.path);
    const parts: PartContext = { job, fd, free: [], stop: stop.signal };
    const sent: Sent[] = [];
    const count = Math.ceil(job.size / FLOOR_PART_SIZE);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count && !stop.signal.aborted) {
        const n = ++next;
        const start = (n - 1) * FLOOR_PART_SIZE;
        const end = Math.min(job.size, start + FLOOR_PART_SIZE);
        sent.push(await sendPart(parts, UploadId, n, start, end));
      }
    };
    const workers = Array.from({ length: Math.min(PARTS_IN_FLIGHT, count) }, () =>
      worker().catch((err: unknown) => stop.abort(err)),
    );
    // Every part has ended before the upload is completed or aborted: none can reach the server after the Abort.
    await Promise.all(workers);
    if (stop.signal.aborted) throw stop.signal.reason;
    sent.sort((a, b) => a.PartNumber - b.PartNumber);
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: job.bucket,
        Key: job.key,
        UploadId,
        MultipartUpload: { Parts: sent },
      }),
    );
  } catch (err) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: job.bucket, Key: job.key, UploadId })).catch(() => {});
    throw err;
  } finally {
    if (fd !== undefined) closeQuietly(fd);
    client.destroy();
  }
}

interface PartContext {
  job: PartsJob;
  fd: number;
  free: Buffer[];
  /** Aborted once any part failed: cuts this part's request. */
  stop: AbortSignal;
}

async function sendPart(
  { job, fd, free, stop }: PartContext,
  uploadId: string,
  partNumber: number,
  start: number,
  end: number,
): Promise<Sent> {
  const framer = new Crc32Framer(end - start);
  const query = { partNumber: String(partNumber), uploadId };
  const headers = await job.signer.sign(job.url, query, trailerHeaders(end - start));
  // Sorted and encoded as the signer's canonical query, as hoist's lean path sends it.
  const path = `${job.url.path}?partNumber=${partNumber}&uploadId=${encodeSegment(uploadId)}`;
  const transport = job.url.protocol === 'https:' ? https : http;
  let cut: (() => void) | undefined;
  try {
    const etag = await new Promise<string>((resolve, reject) => {
      const req = transport.request(
        { host: job.url.hostname, port: job.url.port, method: 'PUT', path, agent: job.agent, headers },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 && res.headers.etag
              ? resolve(res.headers.etag)
              : reject(new Error(`UploadPart ${partNumber}: HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', (err) => reject(new Error(`UploadPart ${partNumber}: ${err.message}`)));
      cut = () => req.destroy(new Error(`UploadPart ${partNumber}: stopped, another part failed`));
      if (stop.aborted) return cut();
      stop.addEventListener('abort', cut, { once: true });
      writeFramed(req, job.path, fd, free, framer, start, end).catch((err: Error) => req.destroy(err));
    });
    return { PartNumber: partNumber, ETag: etag, ChecksumCRC32: framer.checksum };
  } finally {
    if (cut) stop.removeEventListener('abort', cut);
  }
}

/** Reads [start, end) and writes it framed, each buffer back in `free` once the socket has taken it. */
async function writeFramed(
  req: http.ClientRequest,
  path: string,
  fd: number,
  free: Buffer[],
  framer: Crc32Framer,
  start: number,
  end: number,
): Promise<void> {
  const taken: Promise<void>[] = [];
  for (let pos = start; pos < end;) {
    const buf = free.pop() ?? readBuffer(READ_SIZE);
    const n = Math.min(READ_SIZE, end - pos);
    for (let got = 0; got < n;) {
      const read = await readAt(fd, buf, got, n - got, pos + got);
      if (read === 0) throw new Error(`${path} ended early: it changed during the upload`);
      got += read;
    }
    pos += n;
    const pieces = framer.frame(n === buf.length ? buf : buf.subarray(0, n));
    for (let i = 0; i < pieces.length - 1; i++) req.write(pieces[i]);
    taken.push(new Promise<void>((done) => req.write(pieces[pieces.length - 1], () => (free.push(buf), done()))));
    if (taken.length >= WRITES_AHEAD) await taken.shift();
  }
  await Promise.all(taken);
  if (!req.destroyed) req.end(framer.end());
}

const { args, agent, signer, place } = leanFloorSetup('lean-floor-parts.mjs');
const { src: path, bucket, keyOrPrefix: key, endpoint, region } = args;
const file = await stat(path).catch(() => undefined);
if (!file?.isFile()) {
  console.error(`lean-floor-parts.mjs: ${path} is not a file (a folder's floor is lean-floor.mjs)`);
  process.exit(2);
}
const url = objectUrl(place, bucket, key);
await uploadInParts({ path, size: file.size, bucket, key, endpoint, region, url, signer, agent }).then(
  () => agent.destroy(),
  (err: Error) => {
    console.error(`lean-floor-parts.mjs: ${err.message}`);
    process.exit(1);
  },
);
