// The add flow's use of the one plan: Cancel all stops a folder still being listed, and main's data folder is passed
// to the walk so that every file is checked, not only the dropped paths.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanOptions } from '../../engine';
import { createFakeEngine } from '../testing/fake-engine';
import { createAddFlow } from './add-flow';
import { createConflictAsker, type ConflictAsker } from './conflict-asker';
import type { ConflictQuestion } from '../../shared/ipc';
import { DEFAULT_OBJECT_OPTIONS } from '../../shared/object-options';

const target = { region: 'us-east-1', forcePathStyle: true, checksum: 'auto' as const, bucket: 'b', prefix: '' };
const settings = { resolveTarget: () => target, targetFor: () => target, profile: () => undefined };
const asker: ConflictAsker = createConflictAsker(() => undefined);

describe('add flow', () => {
  it('Cancel all stops a listing in progress: nothing is added', async () => {
    const engine = createFakeEngine();
    let seen: PlanOptions | undefined;
    engine.plan = (_paths, _target, options) => {
      seen = options;
      // A walk that would take minutes: it ends only when told to stop.
      return new Promise((_, reject) =>
        options!.signal!.addEventListener('abort', () => reject(options!.signal!.reason)),
      );
    };
    const flow = createAddFlow({
      engine,
      settings,
      asker,
      existingKeys: async () => new Map(),
      forbiddenRoots: ['/data/hoist'],
    });
    const adding = flow.add(['/home/ada/huge'], { profileId: 'p', bucket: 'b', prefix: '' });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toMatchObject({ forbiddenRoots: ['/data/hoist'] });
    flow.abortPending();
    expect(await adding).toEqual({ added: 0, skipped: 0, renamed: 0, stopped: 0, rejected: [] });
    expect(engine.callsTo('add')).toEqual([]);
  });

  it('a listing that fails for another reason reaches the caller', async () => {
    const engine = createFakeEngine();
    engine.plan = async () => {
      throw new Error('The prefix "a/../b/" has a ".." part');
    };
    const flow = createAddFlow({ engine, settings, asker });
    await expect(flow.add(['/x'], { profileId: 'p', bucket: 'b', prefix: 'a/../b' })).rejects.toThrow('".." part');
  });
});

describe('add flow with keys that already exist', () => {
  let dir: string;
  let album: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoist-add-flow-'));
    album = join(dir, 'album');
    await mkdir(join(album, '2023', 'summer'), { recursive: true });
    await writeFile(join(album, '2023', 'summer', 'beach.jpg'), 'sand and sea');
    await writeFile(join(album, 'a.jpg'), 'a');
    await writeFile(join(album, 'b.jpg'), 'b');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A flow whose bucket already holds beach.jpg (the other two keys are free), and the questions it asks. */
  function setup() {
    const engine = createFakeEngine();
    engine.presentKeys.add('album/2023/summer/beach.jpg');
    const questions: ConflictQuestion[] = [];
    const asker = createConflictAsker((q) => questions.push(q));
    const existingKeys = async (_t: unknown, keys: string[]) =>
      new Map(
        keys.filter((k) => engine.presentKeys.has(k)).map((k) => [k, { size: 4_200, modifiedAt: 1_700_000_000_000 }]),
      );
    const flow = createAddFlow({ engine, settings, asker, existingKeys });
    const adding = flow.add([album], { profileId: 'p', bucket: 'b', prefix: '' });
    return { engine, questions, asker, flow, adding };
  }
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(check()).toBe(true);
  };

  it('queues the files that conflict with nothing before the question is answered, and the question shows both sides', async () => {
    const { engine, questions, asker, adding } = setup();
    await until(() => questions.length === 1);
    expect(
      engine
        .callsTo('add')
        .flatMap((args) => args[0] as string[])
        .map((p) => p.slice(album.length)),
    ).toEqual(['/a.jpg', '/b.jpg']);
    expect(questions[0]).toMatchObject({
      name: 'album/2023/summer/beach.jpg',
      key: 'album/2023/summer/beach.jpg',
      local: { size: 'sand and sea'.length },
      remote: { size: 4_200, modifiedAt: 1_700_000_000_000 },
    });
    expect(questions[0]!.local.modifiedAt).toBeGreaterThan(0);
    asker.answer(questions[0]!.id, { choice: 'skip', applyToRest: false });
    expect(await adding).toMatchObject({ added: 2, skipped: 1, stopped: 0 });
  });

  it('keep both keeps the folder path in the key and in the row name', async () => {
    const { engine, questions, asker, adding } = setup();
    await until(() => questions.length === 1);
    asker.answer(questions[0]!.id, { choice: 'keep-both', applyToRest: false });
    expect(await adding).toMatchObject({ added: 3, renamed: 1 });
    const renamed = engine.snapshot().find((i) => i.key.includes('beach'));
    expect(renamed).toMatchObject({ key: 'album/2023/summer/beach (1).jpg', name: 'album/2023/summer/beach (1).jpg' });
  });

  it('Stop adding while the question is open: the question goes, nothing more is queued, and what was queued is cancelled', async () => {
    const { engine, questions, flow, adding } = setup();
    await until(() => questions.length === 1);
    const queued = engine.snapshot().map((i) => i.id);
    expect(queued).toHaveLength(2);
    await flow.stopAdding();
    expect(await adding).toMatchObject({ added: 2, skipped: 0, stopped: 1 });
    expect(engine.callsTo('add')).toHaveLength(1);
    expect(
      engine
        .callsTo('cancel')
        .map((args) => args[0])
        .sort(),
    ).toEqual([...queued].sort());
  });
});

describe("add flow: a retry keeps the drop's object options", () => {
  it('passes the options the file was dropped with to the profile target of the retry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hoist-add-retry-'));
    try {
      await writeFile(join(dir, 'a.txt'), 'a');
      const engine = createFakeEngine();
      const asked: unknown[][] = [];
      const flow = createAddFlow({
        engine,
        settings: {
          resolveTarget: () => target,
          targetFor: (...args) => {
            asked.push(args);
            return target;
          },
          profile: () => ({ bucket: 'b' }) as never,
        },
        asker,
      });
      const options = { ...DEFAULT_OBJECT_OPTIONS, cacheControl: 'max-age=60' };
      const summary = await flow.add([join(dir, 'a.txt')], { profileId: 'p', bucket: 'b', prefix: '', options });
      expect(summary.added).toBe(1);
      const [item] = engine.snapshot();
      flow.retry(item!.id);
      expect(asked).toEqual([['p', 'b', 'a.txt', options]]);
      // An item put back from the journal keeps the options it was adopted with.
      flow.adopt('restored', 'p', 'b', options);
      engine.items.set('restored', { ...item!, id: 'restored', key: 'k' });
      flow.retry('restored');
      expect(asked[1]).toEqual(['p', 'b', 'k', options]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
