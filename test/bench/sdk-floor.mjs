// The SDK floor for the benchmark: what @aws-sdk/client-s3 alone costs to upload the same files, with none of
// hoist's engine. Each file is one PutObjectCommand (a big file as one streamed PUT, a folder's files read whole, 8 at
// a time as `hoist cp --files 8`), with the settings hoist gives its client against a non-AWS endpoint: no SDK retries,
// no checksum unless required. Set beside node-floor.mjs (plain node:http), it splits hoist's cost into what Node
// sets, what the SDK's command pipeline adds, and what hoist adds on top.
//
// Usage: node sdk-floor.mjs SRC s3://BUCKET/KEY-or-PREFIX/ --endpoint-url URL   (credentials from AWS_* variables)
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const [src, target, flag, endpoint] = process.argv.slice(2);
if (!src || !target?.startsWith('s3://') || flag !== '--endpoint-url' || !endpoint) {
  console.error('usage: node sdk-floor.mjs SRC s3://BUCKET/KEY --endpoint-url URL');
  process.exit(2);
}
const [bucket, ...rest] = target.slice(5).split('/');
const keyOrPrefix = rest.join('/');
const client = new S3Client({
  endpoint,
  forcePathStyle: true,
  region: process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1',
  maxAttempts: 1,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

async function main() {
  const st = await stat(src);
  if (st.isFile()) {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: keyOrPrefix, Body: createReadStream(src), ContentLength: st.size }));
    return;
  }
  const names = (await readdir(src)).sort();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      const body = await readFile(join(src, name));
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${keyOrPrefix}${name}`, Body: body }));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

main().then(() => client.destroy(), (err) => {
  console.error(`sdk-floor: ${err.message}`);
  process.exit(1);
});
