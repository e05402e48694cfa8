// The SDK floor for the benchmark: what @aws-sdk/client-s3 alone costs to upload the same files, with none of
// hoist's engine. Each file is one PutObjectCommand (a big file as one streamed PUT, a folder's files read whole, 8 at
// a time as `hoist cp --files 8`), with the settings hoist gives its client against a non-AWS endpoint: no SDK retries,
// no checksum unless required. Set beside node-floor.mjs (plain node:http), it splits hoist's cost into what Node
// sets, what the SDK's command pipeline adds, and what hoist adds on top.
//
// Usage: node sdk-floor.mjs SRC s3://BUCKET/KEY-or-PREFIX/ --endpoint-url URL   (credentials from AWS_* variables)
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { floorArgs, runFloor } from './floor-common.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const args = floorArgs('sdk-floor.mjs');
const client = new S3Client({
  endpoint: args.endpoint,
  forcePathStyle: true,
  region: args.region,
  maxAttempts: 1,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

const put = (key, body, length) =>
  client.send(new PutObjectCommand({ Bucket: args.bucket, Key: key, Body: body, ContentLength: length }));
runFloor('sdk-floor.mjs', args, put, () => client.destroy());
