// The Node.js floor for the benchmark: what plain Node, with no SDK and no engine, costs to upload the same files.
// Each file goes up as one signed PUT (SigV4, unsigned payload) over node:http: a big file streamed from
// fs.createReadStream, a folder's files read whole, 8 at a time (as `hoist cp --files 8`). No multipart, no retries,
// no progress, no journal. It is to hoist what curl's single PUT is to the peers: the part of hoist's cost that
// Node itself sets, so the table can say how much of the rest is the SDK and the engine.
//
// Usage: node node-floor.mjs SRC s3://BUCKET/KEY-or-PREFIX/ --endpoint-url URL   (credentials from AWS_* variables)
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { floorArgs, runFloor } from './floor-common.mjs';

const args = floorArgs('node-floor.mjs');
const endpoint = new URL(args.endpoint);
const { bucket, region } = args;
const accessKey = process.env.AWS_ACCESS_KEY_ID;
const secretKey = process.env.AWS_SECRET_ACCESS_KEY;
const sessionToken = process.env.AWS_SESSION_TOKEN;
if (!accessKey || !secretKey) {
  console.error('node-floor: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  process.exit(2);
}
const transport = endpoint.protocol === 'https:' ? https : http;
const agent = new transport.Agent({ keepAlive: true });

const hmac = (key, text) => createHmac('sha256', key).update(text).digest();
const sha256hex = (text) => createHash('sha256').update(text).digest('hex');
const signingKeys = new Map();
function signingKey(day) {
  let key = signingKeys.get(day);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, day), region), 's3'), 'aws4_request');
    signingKeys.set(day, key);
  }
  return key;
}

// RFC 3986 unreserved characters stay; everything else is percent-encoded, '/' kept between segments.
const encodePath = (path) =>
  path
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');

function signedHeaders(method, path, length) {
  const stamp = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = stamp.slice(0, 8);
  const headers = {
    host: endpoint.host,
    'content-length': String(length),
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    'x-amz-date': stamp,
    ...(sessionToken ? { 'x-amz-security-token': sessionToken } : {}),
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    method,
    path,
    '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256hex(canonical)].join('\n');
  const signature = createHmac('sha256', signingKey(day)).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${accessKey}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

/** One PUT; body is a Buffer or a readable stream of `length` bytes. */
function put(key, body, length) {
  const path = encodePath(`/${bucket}/${key}`);
  return new Promise((resolve, reject) => {
    const req = transport.request(
      {
        host: endpoint.hostname,
        port: endpoint.port,
        method: 'PUT',
        path,
        agent,
        headers: signedHeaders('PUT', path, length),
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${key}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    if (Buffer.isBuffer(body)) req.end(body);
    else body.on('error', (err) => req.destroy(err)).pipe(req);
  });
}

runFloor('node-floor.mjs', args, put, () => agent.destroy());
