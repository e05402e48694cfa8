// Which integrity check a tool really sends, read from the requests that reached the sink (sink-s3.ts): the
// checksum headers, a checksum in the aws-chunked trailer, Content-MD5, a signed payload hash, and MD5 metadata.
// The bench's "integrity check" column is built from these, not from what the tools' documentation says.
import type { IncomingHttpHeaders } from 'node:http';

/** The S3 operations that carry or announce file bytes. */
export type Operation = 'PutObject' | 'UploadPart' | 'CreateMultipartUpload';

export interface SeenRequest {
  op: Operation;
  /** What the request carried to check its bytes by, e.g. ['CRC32 (trailer)'] or ['Content-MD5']; [] for none. */
  checks: string[];
}

const CHECKSUM = /^x-amz-checksum-(crc32c|crc32|crc64nvme|sha1|sha256)$/;
const TRAILER = /x-amz-checksum-(crc32c|crc32|crc64nvme|sha1|sha256)\s*:/i;

/** The operation of a request to the sink (path-style: /bucket/key), or undefined for one about no object's bytes. */
export function operationOf(method: string, url: string): Operation | undefined {
  const parsed = new URL(url, 'http://sink');
  // PUT /bucket is CreateBucket (the bench's own, or rclone's), not an upload.
  if (!/^\/[^/]+\/./.test(parsed.pathname)) return undefined;
  const q = parsed.searchParams;
  if (method === 'PUT' && q.has('uploadId') && q.has('partNumber')) return 'UploadPart';
  if (method === 'PUT') return 'PutObject';
  if (method === 'POST' && q.has('uploads')) return 'CreateMultipartUpload';
  return undefined;
}

export function seenRequest(op: Operation, h: IncomingHttpHeaders, bodyTail: string): SeenRequest {
  const checks: string[] = [];
  for (const name of Object.keys(h)) {
    const m = CHECKSUM.exec(name);
    if (m) checks.push(`${m[1]!.toUpperCase()} (header)`);
  }
  const trailer = String(h['x-amz-trailer'] ?? '');
  if (trailer) {
    // The trailer header names the checksum; the body's end shows it was really sent.
    const m = TRAILER.exec(bodyTail) ?? TRAILER.exec(`${trailer}:`);
    checks.push(`${(m?.[1] ?? trailer).toUpperCase()} (trailer${TRAILER.test(bodyTail) ? '' : ', announced only'})`);
  }
  if (h['content-md5']) checks.push('Content-MD5');
  const payload = String(h['x-amz-content-sha256'] ?? '');
  if (/^[0-9a-f]{64}$/i.test(payload)) checks.push('signed SHA-256 of the body');
  else if (payload.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD')) checks.push('signed chunks (SHA-256)');
  if (op === 'CreateMultipartUpload') {
    const algorithm = h['x-amz-checksum-algorithm'];
    const kept = algorithm ? [`${String(algorithm).toUpperCase()} announced`] : [];
    // rclone stores the whole file's MD5 as metadata, since a multipart ETag is not one.
    if (Object.keys(h).some((k) => /^x-amz-meta-md5/i.test(k))) kept.push('MD5 metadata');
    return { op, checks: kept };
  }
  if (Object.keys(h).some((k) => /^x-amz-meta-md5/i.test(k))) checks.push('MD5 metadata');
  return { op, checks };
}

/** One operation's checks as a phrase, the most frequent set first when requests differed. */
function phrase(requests: SeenRequest[]): string {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const key = r.checks.length ? r.checks.join(' + ') : 'none';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  if (sorted.length === 1) return sorted[0]![0];
  return sorted.map(([k, n]) => `${k} (${n} of ${requests.length})`).join('; ');
}

/** What a tool sent in one run: per operation seen, e.g. "PutObject: CRC32 (trailer)". '' when nothing came. */
export function describeChecks(requests: SeenRequest[]): string {
  const ops: Operation[] = ['PutObject', 'CreateMultipartUpload', 'UploadPart'];
  const parts: string[] = [];
  for (const op of ops) {
    const mine = requests.filter((r) => r.op === op);
    if (!mine.length) continue;
    if (op === 'CreateMultipartUpload') {
      const p = phrase(mine);
      if (p !== 'none') parts.push(`multipart create: ${p}`);
      continue;
    }
    parts.push(`${op === 'PutObject' ? 'PUT' : 'parts'}: ${phrase(mine)}`);
  }
  return parts.join('; ');
}

/** What each tool sends, by workload shape: one small file (a PUT) and one big file (multipart for most). */
export interface ChecksSeen {
  small: Map<string, string>;
  big: Map<string, string>;
}

export const emptyChecksSeen = (): ChecksSeen => ({ small: new Map(), big: new Map() });
