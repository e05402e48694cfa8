// What the benchmark's floors (node-floor.mjs, sdk-floor.mjs, lean-floor.ts) share: their command line, and the job
// itself. A file goes up as one streamed PUT; a folder's files are read whole and sent 8 at a time (as
// `hoist cp --files 8`).
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** SRC s3://BUCKET/KEY-or-PREFIX/ --endpoint-url URL; exits with a usage line when they are not that. */
export function floorArgs(script) {
  const [src, target, flag, endpoint] = process.argv.slice(2);
  if (!src || !target?.startsWith('s3://') || flag !== '--endpoint-url' || !endpoint) {
    console.error(
      `usage: node ${script} SRC s3://BUCKET/KEY-or-PREFIX/ --endpoint-url URL   (credentials from AWS_* variables)`,
    );
    process.exit(2);
  }
  const [bucket, ...rest] = target.slice(5).split('/');
  const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
  return { src, bucket, keyOrPrefix: rest.join('/'), endpoint, region };
}

/**
 * Uploads src with put(key, body, length), then calls done(); on a failure prints it and exits 1.
 * body is a read stream for a single file, a Buffer for each file of a folder.
 */
export function runFloor(script, { src, keyOrPrefix }, put, done) {
  const job = async () => {
    const st = await stat(src);
    if (st.isFile()) {
      await put(keyOrPrefix, createReadStream(src), st.size);
      return;
    }
    const names = (await readdir(src)).sort();
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const name = names[next++];
        const body = await readFile(join(src, name));
        await put(`${keyOrPrefix}${name}`, body, body.length);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  };
  job().then(done, (err) => {
    console.error(`${script}: ${err.message}`);
    process.exit(1);
  });
}
