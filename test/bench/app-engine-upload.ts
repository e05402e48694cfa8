// The desktop app's engine under plain node, for its memory: the engine built with the app's own options
// (appEngineOptions, as src/main/index.ts builds it, with the journal in a temporary userData folder) uploads a file or
// a folder, as the app does when files are dropped on its window. The bench measures this process's peak RSS beside
// the CLI's. app-engine.ts bundles it as the app's main bundle is built.
//
// Usage: node app-engine-upload.mjs SRC s3://BUCKET/KEY-or-PREFIX ENDPOINT   (credentials from AWS_* variables)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, settleHeapGrowth } from '../../src/engine/index';
import { appEngineOptions } from '../../src/main/services';

async function main(): Promise<number> {
  const [src, target, endpoint] = process.argv.slice(2);
  if (!src || !target?.startsWith('s3://') || !endpoint) {
    console.error('usage: node app-engine-upload.mjs SRC s3://BUCKET/KEY-or-PREFIX ENDPOINT');
    return 2;
  }
  const [bucket = '', ...rest] = target.slice(5).split('/');
  // As src/main/index.ts does at its start.
  settleHeapGrowth();
  const userData = await mkdtemp(join(tmpdir(), 'hoist-bench-app-'));
  const engine = createEngine(appEngineOptions(userData));
  try {
    const { items, rejected } = await engine.add([src], {
      endpointUrl: endpoint,
      region: process.env.AWS_REGION ?? 'us-east-1',
      forcePathStyle: true,
      checksum: 'auto',
      credentials: {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
      },
      bucket,
      prefix: rest.join('/'),
    });
    await engine.idle();
    const failed = items.filter((i) => engine.get(i.id)?.state.kind !== 'done');
    for (const r of rejected) console.error(`rejected ${r.path}: ${r.message}`);
    for (const f of failed.slice(0, 3)) console.error(`${f.key}: ${JSON.stringify(engine.get(f.id)?.state)}`);
    return failed.length || rejected.length || !items.length ? 1 : 0;
  } finally {
    await engine.close();
    await rm(userData, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`app-engine-upload: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
