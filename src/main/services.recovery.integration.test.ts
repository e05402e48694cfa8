// Pause, restart, resume or discard through main's handlers, with the real engine and its journal against moto: what
// the app does when the user pauses, quits (or crashes) and comes back. Uploads go through the throttled fault proxy
// so that a pause lands mid-file; "restart" is a new engine and a new services instance on the same userData.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../test/harness/fault-proxy';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../../test/harness/fixtures';
import {
  createBucket,
  createMultipartUpload,
  listMultipartUploads,
  listParts,
  objectSha256,
  uniqueBucket,
  uploadPart,
} from '../../test/harness/s3-check';
import { hostname } from 'node:os';
import { rm } from 'node:fs/promises';
import { createEngine, Journal, type CreateRecord } from '../engine';
import type { UploadEngineApi } from '../engine';
import type {
  IncompleteAbortResult,
  IncompleteUploadInfo,
  InterruptedOutcome,
  InterruptedUpload,
  QueueBatch,
} from '../shared/ipc';
import { COMMAND, EVENT } from '../shared/ipc-channels';
import { type ProfileInput } from '../shared/settings-schema';
import type { UploadItem } from '../shared/upload-item';
import { createSenderCheck } from './ipc/sender-check';
import { createMainServices, mainPaths, type MainServices } from './services';
import { createFakeSecretBox } from './testing/fake-secret-box';
import { testServerProfileInput } from './testing/test-profile';

const MiB = 1024 * 1024;
const PAGE = 'app://hoist/index.html';
const s3 = () => inject('s3Endpoint');

interface App {
  engine: UploadEngineApi;
  services: MainServices;
  latest: Map<string, UploadItem>;
  call(channel: string, payload: unknown): Promise<unknown>;
}

let userData: string;
let proxy: FaultProxy;
const apps: App[] = [];

/** Starts main as index.ts does: an engine with its journal under userData/state, and the services on top. */
async function boot(): Promise<App> {
  const paths = mainPaths(userData);
  const engine = createEngine({ stateDir: paths.stateDir, retryBaseDelayMs: 20 });
  const latest = new Map<string, UploadItem>();
  const services = await createMainServices({
    engine,
    existingKeys: (t, keys) => engine.existingKeys(t, keys),
    settingsFile: paths.settingsFile,
    secretBox: createFakeSecretBox('keychain'),
    send: (channel, payload) => {
      if (channel === EVENT.queueBatch) for (const item of (payload as QueueBatch).changed) latest.set(item.id, item);
    },
    isTrustedSender: createSenderCheck({ rendererUrl: PAGE }),
    pickFiles: async () => [],
    forbiddenRoots: [userData],
    batchIntervalMs: 20,
  });
  const app: App = {
    engine,
    services,
    latest,
    call: (channel, payload) =>
      services.handlers[channel as keyof typeof services.handlers](payload, { url: PAGE, isMainFrame: true }),
  };
  apps.push(app);
  return app;
}

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
const byName = (app: App, name: string) => [...app.latest.values()].find((i) => i.name === name);

const profile = (bucket: string): ProfileInput =>
  testServerProfileInput(proxy.endpoint, bucket, { name: 'moto via proxy', partSizeMiB: 5, concurrency: 1 });

/** Uploads a 20 MiB file in 5 MiB parts, one at a time, and pauses it through the handler after two parts. */
async function uploadAndPause(app: App, bucket: string, name: string) {
  const { id: profileId } = (await app.call(COMMAND.saveProfile, profile(bucket))) as { id: string };
  const file = await makeFile(await makeTempDir(), name, 20 * MiB, name.length);
  proxy.throttle(8 * MiB);
  await app.call(COMMAND.addDropped, { paths: [file], target: { profileId, bucket, prefix: 'r/' } });
  await until(() => (byName(app, name)?.loaded ?? 0) >= 11 * MiB);
  await app.call(COMMAND.pause, { id: byName(app, name)!.id });
  await until(() => byName(app, name)?.state.kind === 'paused');
  return { file, profileId, key: `r/${name}` };
}

/** A fresh bucket and a booted app with a 20 MiB file paused in it after two parts (uploadAndPause). */
async function pausedInFreshBucket(label: string, name: string) {
  const bucket = uniqueBucket(label);
  await createBucket(s3(), bucket);
  const app = await boot();
  return { bucket, app, ...(await uploadAndPause(app, bucket, name)) };
}

/** Quit: the services go, the engine is left as a paused process would be (closing it would cancel). */
async function restart(app: App): Promise<App> {
  app.services.dispose();
  proxy.throttle(null);
  return boot();
}

beforeAll(async () => {
  proxy = await startFaultProxy(s3());
});
beforeEach(async () => {
  userData = await makeTempDir('hoist-userdata-');
});
afterEach(async () => {
  // Oldest first: closing an engine cancels its paused items, which by now are done or discarded elsewhere.
  for (const app of apps.splice(0)) {
    app.services.dispose();
    await app.engine.close();
  }
});
afterAll(async () => {
  await proxy.close();
  await cleanupTempDirs();
});

describe('pause, restart and come back', () => {
  it('a paused upload survives a restart, shows as interrupted, and resumes to a byte-identical object', async () => {
    const { bucket, app: first, file, key } = await pausedInFreshBucket('app-resume', 'resume.bin');
    const [upload] = await listMultipartUploads(s3(), bucket);
    expect(upload?.key).toBe(key);
    const parts = await listParts(s3(), bucket, key, upload!.uploadId);
    expect(Array.isArray(parts) && parts.length).toBeGreaterThanOrEqual(2);

    const second = await restart(first);
    const listed = (await second.call(COMMAND.listInterrupted, undefined)) as InterruptedUpload[];
    expect(listed).toEqual([
      expect.objectContaining({
        uploadId: upload!.uploadId,
        name: 'resume.bin',
        bucket,
        key,
        size: 20 * MiB,
        partSize: 5 * MiB,
        profileName: 'moto via proxy',
        problem: null,
      }),
    ]);
    expect(listed[0]!.partsDone).toBeGreaterThanOrEqual(2);

    const [outcome] = (await second.call(COMMAND.resumeInterrupted, {
      uploadIds: [upload!.uploadId],
    })) as InterruptedOutcome[];
    expect(outcome).toMatchObject({ ok: true });
    await until(() => second.latest.get(outcome!.itemId!)?.state.kind === 'done');
    const done = second.latest.get(outcome!.itemId!)!.state;
    if (done.kind === 'done') expect(done.bytesSent).toBeLessThanOrEqual(20 * MiB - 10 * MiB);
    expect(await objectSha256(s3(), bucket, key)).toBe(await sha256File(file));
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await second.call(COMMAND.listInterrupted, undefined)).toEqual([]);
  });

  it('Cancel and quit keeps an upload the user had paused: its parts stay, and the next start offers it', async () => {
    const { bucket, app: first, key } = await pausedInFreshBucket('app-cancelquit', 'kept.bin');
    const [upload] = await listMultipartUploads(s3(), bucket);
    await first.services.stopUploads('cancel');
    expect(await listMultipartUploads(s3(), bucket)).toEqual([upload]);
    const second = await restart(first);
    const listed = (await second.call(COMMAND.listInterrupted, undefined)) as InterruptedUpload[];
    expect(listed).toEqual([expect.objectContaining({ uploadId: upload!.uploadId, key })]);
  });

  it('discarding an interrupted upload removes it from the server, verified', async () => {
    const { bucket, app: first, key } = await pausedInFreshBucket('app-discard', 'discard.bin');
    expect(await listMultipartUploads(s3(), bucket)).toHaveLength(1);

    const second = await restart(first);
    const [entry] = (await second.call(COMMAND.listInterrupted, undefined)) as InterruptedUpload[];
    expect(entry?.key).toBe(key);
    const [outcome] = (await second.call(COMMAND.discardInterrupted, {
      uploadIds: [entry!.uploadId],
    })) as InterruptedOutcome[];
    await until(() => second.latest.get(outcome!.itemId!)?.state.kind === 'cancelled');
    expect(second.latest.get(outcome!.itemId!)!.state).toEqual({ kind: 'cancelled', cleanup: 'verified' });
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await second.call(COMMAND.listInterrupted, undefined)).toEqual([]);
  });
});

describe('an interrupted upload whose profile was deleted', () => {
  it('is taken off the list by aborting it under a profile added again, as its note says', async () => {
    const { bucket, app: first, key, profileId } = await pausedInFreshBucket('app-orphan', 'orphan.bin');
    const second = await restart(first);
    await second.call(COMMAND.deleteProfile, { id: profileId });
    const [entry] = (await second.call(COMMAND.listInterrupted, undefined)) as InterruptedUpload[];
    expect(entry).toMatchObject({ key, problem: 'profile-missing', profileName: null, server: proxy.endpoint });

    // The same server added again is a new profile, which the upload does not name.
    const { id: again } = (await second.call(COMMAND.saveProfile, profile(bucket))) as { id: string };
    expect(again).not.toBe(profileId);
    const [still] = (await second.call(COMMAND.listInterrupted, undefined)) as InterruptedUpload[];
    expect(still).toMatchObject({ uploadId: entry!.uploadId, problem: 'profile-missing' });

    const listed = (await second.call(COMMAND.listIncomplete, {
      profileId: again,
      bucket,
      prefix: '',
    })) as IncompleteUploadInfo[];
    expect(listed).toEqual([expect.objectContaining({ key, uploadId: entry!.uploadId, startedByHoist: true })]);
    const results = (await second.call(COMMAND.abortIncomplete, {
      profileId: again,
      bucket,
      uploads: [{ key, uploadId: entry!.uploadId }],
    })) as IncompleteAbortResult[];
    expect(results).toEqual([{ key, uploadId: entry!.uploadId, verified: true }]);
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
    expect(await second.call(COMMAND.listInterrupted, undefined)).toEqual([]);
  });
});

describe('incomplete uploads view, on the wire', () => {
  it("lists a leftover upload with its size so far, marks Hoist's own, and aborts it verified", async () => {
    const { bucket, app, profileId, key: ours } = await pausedInFreshBucket('app-sweep', 'ours.bin');
    const stray = await createMultipartUpload(s3(), bucket, 'stray/left.bin');
    await uploadPart(s3(), bucket, 'stray/left.bin', stray, 1, 'x'.repeat(1000));

    const listed = (await app.call(COMMAND.listIncomplete, {
      profileId,
      bucket,
      prefix: '',
    })) as IncompleteUploadInfo[];
    const byKey = new Map(listed.map((u) => [u.key, u]));
    expect(byKey.get('stray/left.bin')).toMatchObject({
      uploadId: stray,
      parts: 1,
      bytes: 1000,
      startedByHoist: false,
    });
    expect(byKey.get(ours)).toMatchObject({ startedByHoist: true });
    expect(byKey.get(ours)!.bytes).toBeGreaterThanOrEqual(10 * MiB);

    const results = (await app.call(COMMAND.abortIncomplete, {
      profileId,
      bucket,
      uploads: [{ key: 'stray/left.bin', uploadId: stray }],
    })) as IncompleteAbortResult[];
    expect(results).toEqual([{ key: 'stray/left.bin', uploadId: stray, verified: true }]);
    expect((await listMultipartUploads(s3(), bucket)).map((u) => u.key)).toEqual([ours]);
    await app.call(COMMAND.cancel, { id: byName(app, 'ours.bin')!.id });
    expect(await listMultipartUploads(s3(), bucket)).toEqual([]);
  });
});

describe("the start's sweep of creates a killed Hoist left", () => {
  const writeRecord = async (profileId: string, bucket: string, key: string, sentAt: number) => {
    const record: CreateRecord = {
      version: 1,
      path: `/photos/${key}`,
      endpointUrl: proxy.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      checksum: 'auto',
      profileId,
      bucket,
      key,
      sentAt,
      // A process that is gone: no pid is this large.
      owner: { pid: 2 ** 30, host: hostname() },
    };
    await new Journal(mainPaths(userData).stateDir).writeCreate(record);
  };
  const noticeOf = async (app: App, kind: string) => {
    await until(() => app.services.notices.list().some((n) => n.kind === kind));
    return app.services.notices.list().find((n) => n.kind === kind)!;
  };

  it('through the profile: a record whose create made nothing is settled and told; one it cannot tell is kept', async () => {
    const bucket = uniqueBucket('app-sweep');
    await createBucket(s3(), bucket);
    const first = await boot();
    const { id: profileId } = (await first.call(COMMAND.saveProfile, profile(bucket))) as { id: string };
    // Long past, and the key has no upload at all: nothing can be left.
    await writeRecord(profileId, bucket, 'gone.bin', Date.now() - 10 * 60_000);
    // The key has an upload that cannot be told from the create's (moto dates every upload 2010-11-10).
    await writeRecord(profileId, bucket, 'unsure.bin', Date.now() - 10 * 60_000);
    const uploadId = await createMultipartUpload(s3(), bucket, 'unsure.bin');

    const second = await restart(first);
    expect((await noticeOf(second, 'create-settled')).params).toMatchObject({ file: 'gone.bin', bucket });
    expect((await noticeOf(second, 'create-unconfirmed')).params).toMatchObject({
      file: 'unsure.bin',
      key: 'unsure.bin',
    });
    const left = await new Journal(mainPaths(userData).stateDir).creates();
    expect(left.map((r) => r.key)).toEqual(['unsure.bin']);
    expect((await listMultipartUploads(s3(), bucket)).map((u) => u.uploadId)).toEqual([uploadId]);
  });

  it('a record no profile reaches now is told, with the file that forgets it, and kept', async () => {
    const bucket = uniqueBucket('app-sweep-lost');
    const first = await boot();
    // Made through a profile since removed: no credentials here can look at its server.
    await writeRecord('removed-profile', bucket, 'orphan.bin', Date.now() - 10 * 60_000);
    const second = await restart(first);
    const notice = await noticeOf(second, 'create-unchecked');
    expect(notice.params).toMatchObject({ file: 'orphan.bin', bucket, key: 'orphan.bin' });
    const journal = new Journal(mainPaths(userData).stateDir);
    const [kept] = await journal.creates();
    expect(kept?.key).toBe('orphan.bin');
    // The file it names is the record: deleting it is what forgets it.
    const file = String(notice.params?.record);
    expect(file).toBe(journal.createPath(kept!));
    await rm(file);
    expect(await journal.creates()).toEqual([]);
  });
});
