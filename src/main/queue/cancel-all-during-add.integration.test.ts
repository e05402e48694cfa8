// Cancel all is a command on the queue's future as well as its present: an add that is listing its folders, checking
// which keys exist or waiting for the overwrite answer when Cancel all comes adds nothing afterwards, and what was
// queued a moment before is cancelled. Main's handlers with the real engine against moto; the bucket is the judge.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createBucket, listMultipartUploads, listObjects, putObject, uniqueBucket } from '../../../test/harness/s3-check';
import { createEngine } from '../../engine/index';
import type { UploadEngineApi } from '../../engine/types';
import { COMMAND, EVENT } from '../../shared/ipc-channels';
import type { AddSummary } from '../../shared/ipc';
import { createSenderCheck } from '../ipc/sender-check';
import { createMainServices, type MainServices } from '../services';
import { createFakeSecretBox } from '../testing/fake-secret-box';

const PAGE = 'app://hoist/index.html';
const endpoint = inject('s3Endpoint');
let dir: string;
let folder: string;
let engine: UploadEngineApi;
let services: MainServices;
let bucket: string;
let profileId: string;
/** Holds the existing-keys check until released, so that Cancel all can land while it is under way. */
let holdCheck: Promise<void> | undefined;
let checking: () => void = () => undefined;
const questions: unknown[] = [];

const call = (channel: string, payload: unknown) => services.handlers[channel as keyof typeof services.handlers](payload, { url: PAGE, isMainFrame: true });
const until = async (check: () => boolean, ms = 10_000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-cancel-add-'));
  folder = join(dir, 'album');
  await mkdir(folder);
  for (let i = 0; i < 40; i++) await writeFile(join(folder, `p${i}.jpg`), `photo ${i}`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

beforeEach(async () => {
  bucket = uniqueBucket('cancel-add');
  await createBucket(endpoint, bucket);
  engine = createEngine({ retryBaseDelayMs: 20, filesInParallel: 1 });
  holdCheck = undefined;
  questions.length = 0;
  services = await createMainServices({
    engine,
    existingKeys: async (target, keys) => {
      checking();
      await holdCheck;
      return engine.existingKeys(target, keys);
    },
    settingsFile: join(dir, `settings-${bucket}.json`),
    secretBox: createFakeSecretBox('keychain'),
    send: (channel, payload) => {
      if (channel === EVENT.conflict) questions.push(payload);
    },
    isTrustedSender: createSenderCheck({ rendererUrl: PAGE }),
    pickFiles: async () => [],
  });
  ({ id: profileId } = (await call(COMMAND.saveProfile, {
    name: 'moto', endpointUrl: endpoint, region: 'us-east-1', bucket, defaultPrefix: '', forcePathStyle: true,
    accessKeyId: 'test', secret: 'test', checksum: 'auto', caBundle: '', partSizeMiB: 8, concurrency: 3, speedLimit: 0,
  })) as { id: string });
});
afterEach(async () => {
  services.dispose();
  await engine.close();
});

const drop = () => call(COMMAND.addDropped, { paths: [folder], target: { profileId, bucket, prefix: '' } }) as Promise<AddSummary>;

async function expectNothingUploaded(): Promise<void> {
  await engine.idle();
  expect(await listObjects(endpoint, bucket)).toEqual([]);
  expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
  expect(engine.snapshot().every((i) => i.state.kind === 'cancelled')).toBe(true);
}

describe('Cancel all during an add', () => {
  it('while the existing keys are being checked: the batch adds nothing', async () => {
    let release: () => void = () => undefined;
    holdCheck = new Promise((r) => (release = r));
    const started = new Promise<void>((r) => (checking = r));
    const adding = drop();
    await started;
    await call(COMMAND.cancelAll, undefined);
    release();
    expect(await adding).toMatchObject({ added: 0 });
    await expectNothingUploaded();
  });

  it('while the overwrite question waits for an answer: the question goes, and the batch adds nothing', async () => {
    await putObject(endpoint, bucket, 'album/p3.jpg', 'already there');
    const adding = drop();
    await until(() => questions.length === 1);
    await call(COMMAND.cancelAll, undefined);
    expect(await adding).toMatchObject({ added: 0 });
    await engine.idle();
    expect((await listObjects(endpoint, bucket)).map((o) => o.key)).toEqual(['album/p3.jpg']);
    expect(engine.snapshot()).toEqual([]);
  });

  it('right after the batch was queued: every file not already sent ends cancelled, and nothing else arrives', async () => {
    const summary = await drop();
    expect(summary.added).toBe(40);
    await call(COMMAND.cancelAll, undefined);
    await engine.idle();
    // One file at a time: the first may have gone out whole before the click; no other may start after it.
    const states = engine.snapshot().map((i) => i.state.kind);
    expect(states.filter((k) => k === 'cancelled').length).toBeGreaterThanOrEqual(39);
    expect(states.every((k) => k === 'cancelled' || k === 'done')).toBe(true);
    expect((await listObjects(endpoint, bucket)).length).toBe(states.filter((k) => k === 'done').length);
    expect(await listMultipartUploads(endpoint, bucket)).toEqual([]);
  });
});
