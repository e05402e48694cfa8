// Keys the queue still holds count as taken: a second drop to a key whose upload is queued or under way is asked
// about (the server does not have the object yet, so the existence check alone does not see it), and Keep both
// chooses a name that no unfinished upload and no other add in progress will write.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictQuestion } from '../../shared/ipc';
import type { TargetChoice } from '../../shared/settings-schema';
import type { UploadState } from '../../shared/upload-state';
import { createFakeEngine } from '../testing/fake-engine';
import { createAddFlow, type CompareWithObjects, type ExistingKeys } from './add-flow';
import { createConflictAsker } from './conflict-asker';

const base = { region: 'us-east-1', forcePathStyle: true, checksum: 'auto' as const, prefix: '' };
/** Profile 'aws' writes to AWS, profile 'minio' to another server; both may name a bucket 'b'. */
const settings = {
  resolveTarget: (choice: TargetChoice) => ({
    ...base,
    bucket: choice.bucket,
    ...(choice.profileId === 'minio' ? { endpointUrl: 'http://minio.local:9000' } : {}),
  }),
  targetFor: () => ({ ...base, bucket: 'b' }),
  profile: () => undefined,
};
const toB: TargetChoice = { profileId: 'aws', bucket: 'b', prefix: '' };

let dir: string;
/** Three different files called IMG.jpg (three cameras), and another one. */
const img = (cam: number) => join(dir, `cam${cam}`, 'IMG.jpg');
let other: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-queued-keys-'));
  for (const cam of [1, 2, 3]) {
    await mkdir(join(dir, `cam${cam}`));
    await writeFile(img(cam), `picture from camera ${cam}`);
  }
  other = join(dir, 'cam1', 'other.jpg');
  await writeFile(other, 'another picture');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A flow whose server holds the fake engine's presentKeys, and the questions it asks. */
function setup(
  options: { existingKeys?: ExistingKeys; compareWithObjects?: CompareWithObjects; profiles?: boolean } = {},
) {
  const engine = createFakeEngine();
  const questions: ConflictQuestion[] = [];
  const asker = createConflictAsker((q) => questions.push(q));
  const onServer: ExistingKeys = async (_t, keys) =>
    new Map(keys.filter((k) => engine.presentKeys.has(k)).map((k) => [k, { size: 4_200, modifiedAt: 1_700_000 }]));
  // With a comparison, the profile skips unchanged files by default.
  const skipUnchanged = !!options.compareWithObjects;
  const profile = () =>
    skipUnchanged || options.profiles ? ({ bucket: 'b', excludes: [], skipUnchanged } as never) : undefined;
  const flow = createAddFlow({
    engine,
    settings: { ...settings, profile },
    asker,
    existingKeys: options.existingKeys ?? onServer,
    ...(options.compareWithObjects ? { compareWithObjects: options.compareWithObjects } : {}),
  });
  /** Answers the next question once it is asked. */
  const answer = async (choice: 'skip' | 'overwrite' | 'keep-both', count = questions.length + 1) => {
    for (let i = 0; i < 200 && questions.length < count; i++) await new Promise((r) => setTimeout(r, 5));
    const q = questions[count - 1];
    expect(q, `question ${count} was asked`).toBeDefined();
    expect(asker.answer(q!.id, { choice, applyToRest: false })).toBe(true);
    return q!;
  };
  const keys = () => engine.snapshot().map((i) => i.key);
  return { engine, questions, asker, flow, answer, keys };
}

const error = { code: 'X', message: 'x' };
const states: Record<string, UploadState> = {
  queued: { kind: 'queued' },
  starting: { kind: 'starting' },
  uploading: { kind: 'uploading' },
  retrying: { kind: 'retrying', attempt: 1, retryAt: 0, reason: 'x' },
  pausing: { kind: 'pausing' },
  paused: { kind: 'paused' },
  completing: { kind: 'completing' },
  'cancelling, its Complete out': { kind: 'cancelling', finishing: true },
  failing: { kind: 'failing', error },
};
const gone: Record<string, UploadState> = {
  cancelled: { kind: 'cancelled', cleanup: 'verified' },
  failed: { kind: 'failed', error, cleanup: 'none-needed' },
  'cleanup-failed': { kind: 'cleanup-failed', error },
  cancelling: { kind: 'cancelling' },
};

describe('a drop to a key an unfinished upload holds', () => {
  it('is asked about while the first is still queued, showing the queued file; Skip leaves the first alone', async () => {
    const { engine, flow, answer, questions } = setup();
    expect(await flow.add([img(1)], toB)).toMatchObject({ added: 1 });
    const second = flow.add([img(2)], toB);
    const q = await answer('skip');
    expect(q).toMatchObject({ key: 'IMG.jpg', bucket: 'b', local: { size: 'picture from camera 2'.length } });
    // Not on the server yet: the facts are the queued file's (its size; its date is not known here).
    expect(q.remote).toEqual({ size: 1000, modifiedAt: null });
    expect(await second).toMatchObject({ added: 0, skipped: 1, renamed: 0 });
    expect(engine.callsTo('add')).toHaveLength(1);
    expect(questions).toHaveLength(1);
  });

  it.each(Object.entries(states))('counts as present while the first is %s', async (_, state) => {
    const { engine, flow, answer } = setup();
    await flow.add([img(1)], toB);
    engine.setState(engine.snapshot()[0]!.id, state);
    const second = flow.add([img(2)], toB);
    await answer('overwrite');
    expect(await second).toMatchObject({ added: 1, skipped: 0 });
  });

  it.each(Object.entries(gone))(
    'is not asked about once the first is %s (nothing of it will be written)',
    async (_, state) => {
      const { engine, flow, questions } = setup();
      await flow.add([img(1)], toB);
      engine.setState(engine.snapshot()[0]!.id, state);
      expect(await flow.add([img(2)], toB)).toMatchObject({ added: 1 });
      expect(questions).toEqual([]);
    },
  );

  it('is not asked about when the upload that holds the key goes to another bucket or another server', async () => {
    const { flow, questions, keys } = setup();
    await flow.add([img(1)], { ...toB, bucket: 'other' });
    await flow.add([img(2)], { ...toB, profileId: 'minio' });
    expect(await flow.add([img(3)], toB)).toMatchObject({ added: 1 });
    expect(questions).toEqual([]);
    expect(keys()).toEqual(['IMG.jpg', 'IMG.jpg', 'IMG.jpg']);
  });

  it('an upload put back in the queue whose server is not known counts for every server', async () => {
    const { engine, flow, answer } = setup();
    await flow.add([img(1)], { ...toB, profileId: 'minio' });
    const [item] = engine.snapshot();
    // Adopted with a profile that no longer exists: its server cannot be told, so it is asked about.
    flow.adopt(item!.id, 'deleted', 'b');
    const second = flow.add([img(2)], toB);
    await answer('skip');
    expect(await second).toMatchObject({ added: 0, skipped: 1 });
  });

  it('an upload retried with its profile moved to another server holds its key there', async () => {
    const { engine, flow, answer } = setup({ profiles: true });
    await flow.add([img(1)], { ...toB, profileId: 'minio' });
    const [item] = engine.snapshot();
    engine.setState(item!.id, { kind: 'failed', error, cleanup: 'none-needed' });
    // The profile now names AWS (settings.targetFor): the retry writes there.
    flow.retry(item!.id);
    engine.setState(item!.id, { kind: 'queued' });
    const second = flow.add([img(2)], toB);
    await answer('skip');
    expect(await second).toMatchObject({ added: 0, skipped: 1 });
  });

  it('"skip if unchanged" does not compare it with the object there now, which the queued upload will replace', async () => {
    const compared: string[] = [];
    const { engine, flow, answer } = setup({
      compareWithObjects: async (_t, files) => {
        compared.push(...files.map((f) => f.key));
        return new Map(files.map((f) => [f.key, { kind: 'same' as const }]));
      },
    });
    // The server's IMG.jpg is camera 2's picture, but camera 1's is queued to replace it.
    const first = flow.add([img(1)], toB);
    expect(await first).toMatchObject({ added: 1 });
    engine.presentKeys.add('IMG.jpg');
    const second = flow.add([img(2)], toB);
    await answer('skip');
    const summary = await second;
    expect(summary).toMatchObject({ added: 0, skipped: 1 });
    expect(summary.upToDate).toBeUndefined();
    expect(compared).toEqual([]);
  });
});

describe('Keep both', () => {
  it('twice for a key on the server: the second copy gets a name the first one did not', async () => {
    const { engine, flow, answer, keys } = setup();
    engine.presentKeys.add('IMG.jpg');
    const first = flow.add([img(1)], toB);
    await answer('keep-both');
    expect(await first).toMatchObject({ added: 1, renamed: 1 });
    // The first copy is queued, not on the server: the existence check alone would offer its name again.
    const second = flow.add([img(2)], toB);
    await answer('keep-both');
    expect(await second).toMatchObject({ added: 1, renamed: 1 });
    expect(keys()).toEqual(['IMG (1).jpg', 'IMG (2).jpg']);
  });

  it('for a key only the queue holds: the copy is renamed', async () => {
    const { flow, answer, keys } = setup();
    await flow.add([img(1)], toB);
    const second = flow.add([img(2)], toB);
    await answer('keep-both');
    expect(await second).toMatchObject({ added: 1, renamed: 1 });
    expect(keys()).toEqual(['IMG.jpg', 'IMG (1).jpg']);
  });

  it('avoids a name another add in progress has chosen but not yet queued', async () => {
    const { engine, flow, answer, keys, questions } = setup();
    engine.presentKeys.add('IMG.jpg');
    engine.presentKeys.add('other.jpg');
    // The first add asks about both of its files, and queues the decided ones once both are answered.
    const first = flow.add([img(1), other], toB);
    for (let i = 0; i < 200 && questions.length < 1; i++) await new Promise((r) => setTimeout(r, 5));
    const second = flow.add([img(2)], toB);
    for (let i = 0; i < 200 && engine.callsTo('plan').length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    // The second add's question waits behind the first one's IMG.jpg, and comes before its other.jpg.
    expect(await answer('keep-both', 1)).toMatchObject({ key: 'IMG.jpg', remaining: 1 });
    expect(await answer('keep-both', 2)).toMatchObject({ key: 'IMG.jpg', remaining: 0 });
    expect(await answer('skip', 3)).toMatchObject({ key: 'other.jpg' });
    expect(await first).toMatchObject({ added: 1, renamed: 1, skipped: 1 });
    expect(await second).toMatchObject({ added: 1, renamed: 1 });
    expect(keys().sort()).toEqual(['IMG (1).jpg', 'IMG (2).jpg']);
  });

  it('when the names cannot be checked, the file is not added under an unchecked name: it is told as not added', async () => {
    let calls = 0;
    const { engine, flow, answer, keys } = setup({
      existingKeys: async (_t, keys) => {
        if (++calls > 1) throw new Error('AccessDenied');
        return new Map(keys.filter((k) => k === 'IMG.jpg').map((k) => [k, null]));
      },
    });
    engine.presentKeys.add('IMG.jpg');
    const adding = flow.add([img(1)], toB);
    await answer('keep-both');
    const summary = await adding;
    expect(summary).toMatchObject({ added: 0, renamed: 0 });
    expect(summary.rejected).toEqual([
      expect.objectContaining({ path: img(1), key: 'IMG.jpg', message: expect.stringContaining('AccessDenied') }),
    ]);
    expect(keys()).toEqual([]);
  });
});
