// Main's services with the real engine against the moto server: the handlers the app and the E2E bridge share.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backendNamed, freshBucketOn } from '../../test/harness/backends';
import { createBucket, listObjects, uniqueBucket } from '../../test/harness/s3-check';
import { createEngine } from '../engine';
import type { UploadEngineApi } from '../engine';
import { COMMAND, EVENT } from '../shared/ipc-channels';
import type { ConflictQuestion, QueueBatch } from '../shared/ipc';
import { type ProfileInput } from '../shared/settings-schema';
import type { UploadItem } from '../shared/upload-item';
import { createSenderCheck } from './ipc/sender-check';
import { createMainServices, type MainServices } from './services';
import { createFakeSecretBox } from './testing/fake-secret-box';
import { testServerProfileInput } from './testing/test-profile';

const PAGE = 'app://hoist/index.html';
const sender = { url: PAGE, isMainFrame: true };

let dir: string;
let engine: UploadEngineApi;
let services: MainServices;
let bucket: string;
const batches: { at: number; batch: QueueBatch }[] = [];
const questions: ConflictQuestion[] = [];
const latest = new Map<string, UploadItem>();

const call = (channel: string, payload: unknown) =>
  services.handlers[channel as keyof typeof services.handlers](payload, sender);

function until(check: () => boolean, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - start > ms) return reject(new Error('timed out'));
      setTimeout(tick, 20);
    };
    tick();
  });
}

const profile = (bucketName: string): ProfileInput =>
  testServerProfileInput(inject('s3Endpoint'), bucketName, { name: 'moto' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-main-int-'));
  bucket = uniqueBucket('main');
  await createBucket(inject('s3Endpoint'), bucket);
  engine = createEngine({ retryBaseDelayMs: 20 });
  services = await createMainServices({
    engine,
    existingKeys: (target, keys) => engine.existingKeys(target, keys),
    settingsFile: join(dir, 'settings.json'),
    secretBox: createFakeSecretBox('keychain'),
    send: (channel, payload) => {
      if (channel === EVENT.queueBatch) {
        const batch = payload as QueueBatch;
        batches.push({ at: Date.now(), batch });
        for (const item of batch.changed) latest.set(item.id, item);
      }
      if (channel === EVENT.conflict) questions.push(payload as ConflictQuestion);
    },
    isTrustedSender: createSenderCheck({ rendererUrl: PAGE }),
    pickFiles: async () => [],
  });
});

afterAll(async () => {
  services.dispose();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('main services with the real engine', () => {
  it('tests the connection, uploads a dropped file, and batches progress', async () => {
    const { id } = (await call(COMMAND.saveProfile, profile(bucket))) as { id: string };
    expect(
      await call(COMMAND.testConnection, { profile: { ...profile(bucket), id, secret: undefined } }),
    ).toMatchObject({ ok: true });
    const file = join(dir, 'hello.txt');
    await writeFile(file, 'hello from main');
    const summary = await call(COMMAND.addDropped, { paths: [file], target: { profileId: id, bucket, prefix: 'in/' } });
    expect(summary).toMatchObject({ added: 1, rejected: [] });
    await until(() => [...latest.values()].some((i) => i.key === 'in/hello.txt' && i.state.kind === 'done'));
    expect((await listObjects(inject('s3Endpoint'), bucket, 'in/')).map((o) => o.key)).toEqual(['in/hello.txt']);
    const gaps = batches.slice(1).map((b, i) => b.at - batches[i]!.at);
    expect(Math.min(...gaps, 100)).toBeGreaterThanOrEqual(90);
  });

  it('asks about an existing key and keeps both', async () => {
    const [profileView] = services.settings.view().profiles;
    const file = join(dir, 'hello.txt');
    const adding = call(COMMAND.addDropped, {
      paths: [file],
      target: { profileId: profileView!.id, bucket, prefix: 'in/' },
    });
    await until(() => questions.length === 1);
    expect(questions[0]).toMatchObject({ key: 'in/hello.txt', bucket, remaining: 0 });
    await call(COMMAND.answerConflict, { questionId: questions[0]!.id, choice: 'keep-both', applyToRest: false });
    expect(await adding).toMatchObject({ added: 1, renamed: 1 });
    await until(() => [...latest.values()].some((i) => i.key === 'in/hello (1).txt' && i.state.kind === 'done'));
  });

  it('a missing bucket fails with its name; after fixing the profile, Retry uploads it', async () => {
    const missing = uniqueBucket('missing');
    const { id } = (await call(COMMAND.saveProfile, { ...profile(missing), name: 'wrong bucket' })) as { id: string };
    const file = join(dir, 'retry.txt');
    await writeFile(file, 'again');
    await call(COMMAND.addDropped, { paths: [file], target: { profileId: id, bucket: missing, prefix: '' } });
    await until(() => [...latest.values()].some((i) => i.name === 'retry.txt' && i.state.kind === 'failed'));
    const failed = [...latest.values()].find((i) => i.name === 'retry.txt')!;
    expect(failed.state.kind === 'failed' && failed.state.error.message).toContain(missing);

    await call(COMMAND.saveProfile, { ...profile(bucket), id, name: 'wrong bucket', secret: undefined });
    await call(COMMAND.retry, { id: failed.id });
    await until(() => latest.get(failed.id)?.state.kind === 'done');
    expect(latest.get(failed.id)!.bucket).toBe(bucket);
    expect((await listObjects(inject('s3Endpoint'), bucket, 'retry')).map((o) => o.key)).toEqual(['retry.txt']);
  });

  it("a profile's CA certificate lets Test connection and an upload reach an https server a private CA signed", async () => {
    const tls = backendNamed('versitygw-https');
    if (!tls) return console.warn('skipped: no versitygw in this run (Go is not installed)');
    const tlsBucket = await freshBucketOn(tls, 'main-tls');
    const onTls = { ...profile(tlsBucket), name: 'private CA', endpointUrl: tls.endpoint };
    const untrusted = (await call(COMMAND.testConnection, { profile: onTls })) as { ok: boolean; message: string };
    expect(untrusted.ok).toBe(false);
    const { id } = (await call(COMMAND.saveProfile, { ...onTls, caBundle: tls.caFile })) as { id: string };
    expect(
      await call(COMMAND.testConnection, { profile: { ...onTls, caBundle: tls.caFile, id, secret: undefined } }),
    ).toMatchObject({ ok: true });
    const file = join(dir, 'over-tls.txt');
    await writeFile(file, 'sent over https');
    await call(COMMAND.addDropped, { paths: [file], target: { profileId: id, bucket: tlsBucket, prefix: '' } });
    await until(() => [...latest.values()].some((i) => i.name === 'over-tls.txt' && i.state.kind === 'done'));
    expect((await listObjects(tls.endpoint, tlsBucket)).map((o) => o.key)).toEqual(['over-tls.txt']);
  });
});
