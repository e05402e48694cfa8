// Pause/resume, interrupted uploads and incomplete uploads through main's handlers, with the fake engine: bad payloads
// are refused and never acted on; good ones reach the engine with the profile's credentials, never the page's.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../engine';
import { COMMAND } from '../../shared/ipc-channels';
import { type ProfileInput } from '../../shared/settings-schema';
import { createMainServices, type MainServices } from '../services';
import { createFakeEngine, type FakeEngine } from '../testing/fake-engine';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { createSenderCheck } from './sender-check';
import { testProfileInput } from '../testing/test-profile';

const RENDERER = 'app://hoist/index.html';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const MiB = 1024 * 1024;
const profile: ProfileInput = testProfileInput({ secret: SECRET, partSizeMiB: 16, concurrency: 5, speedLimit: 512 });

let dir: string;
let engine: FakeEngine;
let services: MainServices;

const call = (channel: string, payload: unknown) =>
  services.handlers[channel as keyof typeof services.handlers](payload, { url: RENDERER, isMainFrame: true });
const saveProfile = async (input: ProfileInput = profile) =>
  ((await call(COMMAND.saveProfile, input)) as { id: string }).id;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-recovery-'));
  engine = createFakeEngine();
  services = await createMainServices({
    engine,
    existingKeys: (t, keys) => engine.existingKeys(t, keys),
    settingsFile: join(dir, 'userData', 'settings.json'),
    secretBox: createFakeSecretBox('keychain'),
    send: () => undefined,
    isTrustedSender: createSenderCheck({ rendererUrl: RENDERER }),
    pickFiles: async () => [],
    batchIntervalMs: 5,
  });
});
afterEach(async () => {
  services.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function journalEntry(
  name: string,
  profileId: string | undefined,
  patch: Partial<JournalEntry> = {},
): Promise<JournalEntry> {
  const path = join(dir, name);
  await writeFile(path, 'x'.repeat(1000));
  const st = await stat(path);
  return {
    version: 1,
    path,
    size: st.size,
    mtimeMs: st.mtimeMs,
    endpointUrl: 'http://127.0.0.1:9000/',
    region: 'eu-west-1',
    forcePathStyle: true,
    checksum: 'off',
    profileId,
    bucket: 'archive',
    key: `old/${name}`,
    uploadId: `up-${name}`,
    partSize: 8 * MiB,
    parts: [
      { partNumber: 1, etag: '"e1"' },
      { partNumber: 2, etag: '"e2"' },
    ],
    startedAt: 1_700_000_000_000,
    ...patch,
  };
}

describe('refused payloads are never acted on', () => {
  it.each([
    [COMMAND.pause, undefined],
    [COMMAND.pause, { id: '/etc/passwd' }],
    [COMMAND.pause, { id: 'item1', all: true }],
    [COMMAND.resume, 'item1'],
    [COMMAND.pauseAll, { everything: true }],
    [COMMAND.resumeAll, ['item1']],
    [COMMAND.listInterrupted, { dir: '/tmp' }],
    [COMMAND.resumeInterrupted, undefined],
    [COMMAND.resumeInterrupted, { uploadIds: [] }],
    [COMMAND.resumeInterrupted, { uploadIds: 'up-a' }],
    [COMMAND.resumeInterrupted, { uploadIds: ['has space'] }],
    [COMMAND.discardInterrupted, { uploadIds: ['a\0b'] }],
    [COMMAND.discardInterrupted, { uploadIds: ['ok'], path: '/etc/passwd' }],
    [COMMAND.discardInterrupted, { uploadIds: Array.from({ length: 10_001 }, (_, i) => `u${i}`) }],
    [COMMAND.listIncomplete, { profileId: 'p', bucket: 'photos' }],
    [COMMAND.listIncomplete, { profileId: 'p', bucket: 'Bad_Bucket', prefix: '' }],
    [COMMAND.listIncomplete, { profileId: 'p', bucket: 'photos', prefix: '', endpointUrl: 'http://evil' }],
    [COMMAND.abortIncomplete, { profileId: 'p', bucket: 'photos', uploads: [] }],
    [COMMAND.abortIncomplete, { profileId: 'p', bucket: 'photos', uploads: [{ key: 'k', uploadId: 'u', extra: 1 }] }],
    [COMMAND.abortIncomplete, { profileId: 'p', bucket: 'photos', uploads: [{ key: '', uploadId: 'u' }] }],
    [COMMAND.abortIncomplete, { profileId: 'p', bucket: 'photos', uploads: [{ key: 'k' }] }],
    [
      COMMAND.abortIncomplete,
      { profileId: 'p', bucket: 'photos', credentials: { accessKeyId: 'x' }, uploads: [{ key: 'k', uploadId: 'u' }] },
    ],
  ])('%s %j', async (channel, payload) => {
    await expect(call(channel, payload)).rejects.toThrow(/bad-payload/);
    expect(engine.calls).toEqual([]);
  });
});

describe('pause and resume', () => {
  it('act only on items in a state that allows it', async () => {
    const id = await saveProfile();
    const file = join(dir, 'a.txt');
    await writeFile(file, 'a');
    await call(COMMAND.addDropped, { paths: [file], target: { profileId: id, bucket: 'photos', prefix: '' } });
    engine.setState('item1', { kind: 'uploading' });
    await call(COMMAND.pause, { id: 'item1' });
    await call(COMMAND.resume, { id: 'item1' }); // not paused: nothing to do
    engine.setState('item1', { kind: 'paused' });
    await call(COMMAND.pause, { id: 'item1' }); // already paused
    await call(COMMAND.resume, { id: 'item1' });
    engine.setState('item1', { kind: 'done', etag: 'e', bytesSent: 1 });
    await call(COMMAND.pause, { id: 'item1' });
    await call(COMMAND.pauseAll, undefined);
    await call(COMMAND.resumeAll, null);
    await expect(call(COMMAND.pause, { id: 'nope' })).rejects.toThrow(/not-found/);
    expect(engine.calls.map((c) => c.method).filter((m) => /pause|resume/i.test(m))).toEqual([
      'pause',
      'resume',
      'pauseAll',
      'resumeAll',
    ]);
  });
});

describe('profile settings reach the engine', () => {
  it('part size, parts in flight and speed limit, on add and on retry', async () => {
    const id = await saveProfile();
    const file = join(dir, 'b.txt');
    await writeFile(file, 'b');
    await call(COMMAND.addDropped, { paths: [file], target: { profileId: id, bucket: 'photos', prefix: 'in' } });
    const expected = { profileId: id, partSize: 16 * MiB, partsPerFile: 5, bytesPerSecond: 512 * 1024 };
    expect(engine.callsTo('add')[0]![1]).toMatchObject({ ...expected, prefix: 'in/' });
    engine.setState('item1', { kind: 'failed', error: { code: 'X', message: 'x' }, cleanup: 'none-needed' });
    await call(COMMAND.saveProfile, { ...profile, id, speedLimit: 0, secret: undefined });
    await call(COMMAND.retry, { id: 'item1' });
    expect(engine.callsTo('retry')[0]![1]).toMatchObject({ ...expected, bytesPerSecond: 0, prefix: 'in/b.txt' });
  });

  it("checks a batch's keys in one existingKeys call", async () => {
    const id = await saveProfile();
    const files = ['x.txt', 'y.txt', 'z.txt'].map((n) => join(dir, n));
    for (const f of files) await writeFile(f, 'k');
    await call(COMMAND.addDropped, { paths: files, target: { profileId: id, bucket: 'photos', prefix: '' } });
    expect(engine.callsTo('existingKeys').map(([, keys]) => keys)).toEqual([['x.txt', 'y.txt', 'z.txt']]);
    expect(engine.callsTo('keyExists')).toEqual([]);
  });
});

describe('interrupted uploads', () => {
  it('lists them with what the prompt shows, and what stands in the way', async () => {
    const id = await saveProfile();
    engine.journal = [
      await journalEntry('ok.bin', id),
      await journalEntry('orphan.bin', 'deleted-profile'),
      await journalEntry('edited.bin', id, { size: 5 }),
      { ...(await journalEntry('gone.bin', id)), path: join(dir, 'nowhere', 'gone.bin') },
    ];
    const list = (await call(COMMAND.listInterrupted, undefined)) as { name: string; problem: string | null }[];
    expect(list[0]).toEqual({
      uploadId: 'up-ok.bin',
      name: 'ok.bin',
      bucket: 'archive',
      key: 'old/ok.bin',
      size: 1000,
      partsDone: 2,
      partSize: 8 * MiB,
      startedAt: 1_700_000_000_000,
      profileName: 'Local',
      server: 'http://127.0.0.1:9000/',
      problem: null,
    });
    expect(list.map((u) => [u.name, u.problem])).toEqual([
      ['ok.bin', null],
      ['orphan.bin', 'profile-missing'],
      ['edited.bin', 'file-changed'],
      ['gone.bin', 'file-missing'],
    ]);
    expect(JSON.stringify(list)).not.toContain(dir); // the page gets names, not paths
  });

  it("resume restores with the profile's keys at the entry's own endpoint, then resumes; refusals say why", async () => {
    const id = await saveProfile();
    engine.journal = [
      await journalEntry('ok.bin', id),
      await journalEntry('orphan.bin', undefined),
      await journalEntry('edited.bin', id, { mtimeMs: 1 }),
      // Made when the profile named another server: the secret typed for today's server is not sent there.
      await journalEntry('moved.bin', id, { endpointUrl: 'http://10.0.0.5:9000' }),
    ];
    const outcomes = await call(COMMAND.resumeInterrupted, {
      uploadIds: ['up-ok.bin', 'up-orphan.bin', 'up-edited.bin', 'up-moved.bin', 'up-unknown'],
    });
    expect(outcomes).toEqual([
      { uploadId: 'up-ok.bin', ok: true, itemId: 'item1' },
      { uploadId: 'up-orphan.bin', ok: false, problem: 'profile-missing' },
      { uploadId: 'up-edited.bin', ok: false, problem: 'file-changed' },
      { uploadId: 'up-moved.bin', ok: false, problem: 'endpoint-changed' },
      { uploadId: 'up-unknown', ok: false, problem: 'not-found' },
    ]);
    const [[ids, targets]] = engine.callsTo('restore') as [[string[], unknown[]]];
    expect(ids).toEqual(['up-ok.bin']);
    expect(targets[0]).toMatchObject({
      endpointUrl: 'http://127.0.0.1:9000/',
      region: 'eu-west-1',
      checksum: 'off',
      bucket: 'archive',
      profileId: id,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET },
      partsPerFile: 5,
    });
    expect(engine.callsTo('resume')).toEqual([['item1']]);
    expect(await call(COMMAND.listInterrupted, undefined)).toHaveLength(3);

    // A retry after a failure uses the profile as it is now.
    engine.setState('item1', { kind: 'failed', error: { code: 'X', message: 'x' }, cleanup: 'verified' });
    await call(COMMAND.retry, { id: 'item1' });
    expect(engine.callsTo('retry')[0]![1]).toMatchObject({ bucket: 'archive', prefix: 'old/ok.bin', profileId: id });
  });

  it('discard restores and cancels (verified cleanup), also for a changed file, never without keys', async () => {
    const id = await saveProfile();
    engine.journal = [await journalEntry('edited.bin', id, { size: 1 }), await journalEntry('orphan.bin', 'gone')];
    const outcomes = await call(COMMAND.discardInterrupted, { uploadIds: ['up-edited.bin', 'up-orphan.bin'] });
    expect(outcomes).toEqual([
      { uploadId: 'up-edited.bin', ok: true, itemId: 'item1' },
      { uploadId: 'up-orphan.bin', ok: false, problem: 'profile-missing' },
    ]);
    expect(engine.callsTo('cancel')).toEqual([['item1']]);
    expect(engine.callsTo('resume')).toEqual([]);
  });

  // The engine discards such an entry when it is resumed: the prompt must not offer Resume for it.
  it('one the user cancelled (cleanup not confirmed) is listed as such, refused a resume, and can be discarded', async () => {
    const id = await saveProfile();
    engine.journal = [
      await journalEntry('cancelled.bin', id, { cancelled: true }),
      await journalEntry('cancelled-edited.bin', id, { cancelled: true, size: 5 }),
      await journalEntry('cancelled-orphan.bin', 'gone', { cancelled: true }),
    ];
    const list = (await call(COMMAND.listInterrupted, undefined)) as { name: string; problem: string | null }[];
    expect(list.map((u) => [u.name, u.problem])).toEqual([
      ['cancelled.bin', 'cancelled'],
      ['cancelled-edited.bin', 'cancelled'],
      ['cancelled-orphan.bin', 'profile-missing'],
    ]);

    expect(await call(COMMAND.resumeInterrupted, { uploadIds: ['up-cancelled.bin'] })).toEqual([
      { uploadId: 'up-cancelled.bin', ok: false, problem: 'cancelled' },
    ]);
    expect(engine.callsTo('restore')).toEqual([]);

    expect(await call(COMMAND.discardInterrupted, { uploadIds: ['up-cancelled.bin'] })).toEqual([
      { uploadId: 'up-cancelled.bin', ok: true, itemId: 'item1' },
    ]);
    expect(engine.callsTo('cancel')).toEqual([['item1']]);
    expect(engine.callsTo('resume')).toEqual([]);
  });
});

// Cancel all and Pause all reach a Resume batch still reading the journal or checking files, as they reach an add in
// progress (add-flow.ts): handlers.ts calls recovery.abortPending / pausePending / resumePending with the add flow's.
describe('Cancel all and Pause all during a Resume of interrupted uploads', () => {
  /** engine.interrupted() answers only when the test says so, as a slow disk would. */
  const holdJournal = () => {
    const read = engine.interrupted;
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    engine.interrupted = async () => {
      await held;
      return read();
    };
    return release;
  };
  /** Runs `during` once, when the batch resumes its first upload (between that and the next entry's checks). */
  const onFirstResume = (during: () => void) => {
    const resume = engine.resume.bind(engine);
    let first = true;
    engine.resume = (id) => {
      resume(id);
      if (first) during();
      first = false;
    };
  };
  const three = async (id: string) => [
    await journalEntry('a.bin', id),
    await journalEntry('b.bin', id),
    await journalEntry('c.bin', id),
  ];
  const ids = ['up-a.bin', 'up-b.bin', 'up-c.bin'];

  it('Cancel all while the journal is read: nothing is restored, and the uploads stay interrupted', async () => {
    const id = await saveProfile();
    engine.journal = await three(id);
    const release = holdJournal();
    const outcomes = call(COMMAND.resumeInterrupted, { uploadIds: ids });
    services.recovery.abortPending();
    release();
    expect(await outcomes).toEqual(ids.map((uploadId) => ({ uploadId, ok: false })));
    expect(engine.callsTo('restore')).toEqual([]);
    expect(engine.callsTo('resume')).toEqual([]);
    expect(await call(COMMAND.listInterrupted, undefined)).toHaveLength(3);
  });

  it('Cancel all after the first upload was resumed: the rest are neither restored nor resumed', async () => {
    const id = await saveProfile();
    engine.journal = await three(id);
    onFirstResume(() => services.recovery.abortPending());
    const outcomes = await call(COMMAND.resumeInterrupted, { uploadIds: ids });
    expect(outcomes).toEqual([
      { uploadId: 'up-a.bin', ok: true, itemId: 'item1' },
      { uploadId: 'up-b.bin', ok: false },
      { uploadId: 'up-c.bin', ok: false },
    ]);
    expect(engine.callsTo('restore').map(([uploadIds]) => uploadIds)).toEqual([['up-a.bin']]);
    expect(engine.callsTo('resume')).toEqual([['item1']]); // item1 is the engine's cancelAll's to cancel
  });

  it('Cancel all also stops a batch still waiting behind another', async () => {
    const id = await saveProfile();
    engine.journal = await three(id);
    const release = holdJournal();
    const first = call(COMMAND.resumeInterrupted, { uploadIds: ['up-a.bin'] });
    const second = call(COMMAND.resumeInterrupted, { uploadIds: ['up-b.bin', 'up-c.bin'] });
    services.recovery.abortPending();
    release();
    expect(await first).toEqual([{ uploadId: 'up-a.bin', ok: false }]);
    expect(await second).toEqual([
      { uploadId: 'up-b.bin', ok: false },
      { uploadId: 'up-c.bin', ok: false },
    ]);
    expect(engine.callsTo('resume')).toEqual([]);

    // A Resume clicked after the Cancel all is the user's new wish: it goes ahead.
    expect(await call(COMMAND.resumeInterrupted, { uploadIds: ['up-c.bin'] })).toEqual([
      { uploadId: 'up-c.bin', ok: true, itemId: 'item1' },
    ]);
    expect(engine.callsTo('resume')).toEqual([['item1']]);
  });

  it('Pause all: the rest are restored paused, not resumed; Resume all before they are lets them go', async () => {
    const id = await saveProfile();
    engine.journal = await three(id);
    onFirstResume(() => services.recovery.pausePending());
    const outcomes = await call(COMMAND.resumeInterrupted, { uploadIds: ids });
    expect(outcomes).toEqual([
      { uploadId: 'up-a.bin', ok: true, itemId: 'item1' },
      { uploadId: 'up-b.bin', ok: true, itemId: 'item2' },
      { uploadId: 'up-c.bin', ok: true, itemId: 'item3' },
    ]);
    expect(engine.callsTo('restore')).toHaveLength(3);
    expect(engine.callsTo('resume')).toEqual([['item1']]); // item1 is the engine's pauseAll's to pause

    engine.journal = [await journalEntry('d.bin', id), await journalEntry('e.bin', id)];
    const release = holdJournal();
    const more = call(COMMAND.resumeInterrupted, { uploadIds: ['up-d.bin', 'up-e.bin'] });
    services.recovery.pausePending();
    services.recovery.resumePending();
    release();
    expect(await more).toEqual([
      { uploadId: 'up-d.bin', ok: true, itemId: 'item4' },
      { uploadId: 'up-e.bin', ok: true, itemId: 'item5' },
    ]);
    expect(engine.callsTo('resume')).toEqual([['item1'], ['item4'], ['item5']]);
  });

  it('a Discard is not held by Pause all (it only cleans up), and Cancel all stops it as it stops a Resume', async () => {
    const id = await saveProfile();
    engine.journal = await three(id);
    let release = holdJournal();
    const discarded = call(COMMAND.discardInterrupted, { uploadIds: ['up-a.bin', 'up-b.bin'] });
    services.recovery.pausePending();
    release();
    expect(await discarded).toEqual([
      { uploadId: 'up-a.bin', ok: true, itemId: 'item1' },
      { uploadId: 'up-b.bin', ok: true, itemId: 'item2' },
    ]);
    expect(engine.callsTo('cancel')).toEqual([['item1'], ['item2']]);

    release = holdJournal();
    const stopped = call(COMMAND.discardInterrupted, { uploadIds: ['up-c.bin'] });
    services.recovery.abortPending();
    release();
    expect(await stopped).toEqual([{ uploadId: 'up-c.bin', ok: false }]);
    expect(engine.callsTo('restore')).toHaveLength(2);
    expect(engine.callsTo('resume')).toEqual([]);
    expect(await call(COMMAND.listInterrupted, undefined)).toHaveLength(1);
  });
});

describe('incomplete uploads on the server', () => {
  it("list and abort use the saved profile's endpoint and keys", async () => {
    const id = await saveProfile();
    engine.incomplete = [
      { key: 'a', uploadId: 'u1', initiated: '2010-11-10T20:48:33.000Z', parts: 1, bytes: 5, startedByHoist: true },
      { key: 'b', uploadId: 'u2', initiated: '', parts: 0, bytes: 0, startedByHoist: false },
    ];
    expect(await call(COMMAND.listIncomplete, { profileId: id, bucket: 'photos', prefix: 'in/' })).toEqual(
      engine.incomplete,
    );
    const [endpoint, bucket, prefix] = engine.callsTo('listIncomplete')[0]!;
    expect(endpoint).toMatchObject({ endpointUrl: 'http://127.0.0.1:9000', credentials: { secretAccessKey: SECRET } });
    expect([bucket, prefix]).toEqual(['photos', 'in/']);

    engine.abortFails.add('u2');
    const results = await call(COMMAND.abortIncomplete, {
      profileId: id,
      bucket: 'photos',
      uploads: [
        { key: 'a', uploadId: 'u1' },
        { key: 'b', uploadId: 'u2' },
      ],
    });
    expect(results).toEqual([
      { key: 'a', uploadId: 'u1', verified: true },
      { key: 'b', uploadId: 'u2', verified: false, error: 'AccessDenied' },
    ]);
  });

  it('an unknown profile is refused before anything reaches the server', async () => {
    await expect(call(COMMAND.listIncomplete, { profileId: 'nobody', bucket: 'photos', prefix: '' })).rejects.toThrow(
      /not-found/,
    );
    await expect(
      call(COMMAND.abortIncomplete, { profileId: 'nobody', bucket: 'photos', uploads: [{ key: 'a', uploadId: 'u' }] }),
    ).rejects.toThrow(/not-found/);
    expect(engine.calls).toEqual([]);
  });
});
