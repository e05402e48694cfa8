// The add flow's use of the one plan: Cancel all stops a folder still being listed, and main's data folder is passed
// to the walk so that every file is checked, not only the dropped paths. Stop adding and Cancel all also stop a check
// or comparison under way, and a retry never signs with a deleted profile's keys.
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
import { IpcError } from '../ipc/errors';

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

describe('Stop adding and Cancel all while the keys are checked or compared', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoist-add-stop-'));
    await writeFile(join(dir, 'same.txt'), 'same');
    await writeFile(join(dir, 'new.txt'), 'new');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const stops = [
    ['Stop adding', (flow: ReturnType<typeof createAddFlow>) => void flow.stopAdding()],
    ['Cancel all', (flow: ReturnType<typeof createAddFlow>) => flow.abortPending()],
  ] as const;
  /** The add's answer, or 'still running' when it has not come a second after the stop. */
  const settled = <T>(adding: Promise<T>) =>
    Promise.race([adding, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 1_000))]);

  /** same.txt's key exists; the comparison never ends by itself (a slow server), only when its signal says stop. */
  function setup(skipUnchanged: boolean, existing?: () => Promise<Map<string, null>>) {
    const engine = createFakeEngine();
    const questions: ConflictQuestion[] = [];
    const asker = createConflictAsker((q) => questions.push(q));
    const signals: (AbortSignal | undefined)[] = [];
    const flow = createAddFlow({
      engine,
      settings: { ...settings, profile: () => ({ bucket: 'b', excludes: [], skipUnchanged }) as never },
      asker,
      existingKeys:
        existing ?? (async (_t, keys) => new Map(keys.filter((k) => k === 'same.txt').map((k) => [k, null]))),
      compareWithObjects: (_t, _files, signal) => {
        signals.push(signal);
        return new Promise(() => undefined);
      },
    });
    const adding = flow.add([join(dir, 'same.txt'), join(dir, 'new.txt')], { profileId: 'p', bucket: 'b', prefix: '' });
    return { engine, questions, asker, flow, adding, signals };
  }
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(check()).toBe(true);
  };

  it.each(stops)(
    "%s stops the profile's own skip-if-unchanged comparison, and the add returns at once",
    async (_, stop) => {
      const { flow, adding, signals } = setup(true);
      await until(() => signals.length === 1);
      stop(flow);
      expect(signals[0]?.aborted).toBe(true);
      expect(await settled(adding)).toMatchObject({ added: 1, stopped: 1, skipped: 0 });
    },
  );

  it.each(stops)('%s stops the comparison an answer "skip if unchanged" started', async (_, stop) => {
    const { flow, adding, signals, questions, asker } = setup(false);
    await until(() => questions.length === 1);
    asker.answer(questions[0]!.id, { choice: 'skip-unchanged', applyToRest: false });
    await until(() => signals.length === 1);
    stop(flow);
    expect(signals[0]?.aborted).toBe(true);
    expect(await settled(adding)).toMatchObject({ added: 1, stopped: 1, skipped: 0 });
  });

  it.each(stops)('%s does not wait for a check of which keys exist that does not end', async (_, stop) => {
    let checking = false;
    const { engine, flow, adding } = setup(false, () => {
      checking = true;
      return new Promise(() => undefined);
    });
    await until(() => checking);
    stop(flow);
    expect(await settled(adding)).toMatchObject({ added: 0, stopped: 2 });
    expect(engine.callsTo('add')).toEqual([]);
  });
});

describe('add flow: a retry after its profile was deleted', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoist-add-retry-deleted-'));
    await writeFile(join(dir, 'report.pdf'), 'pdf');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A failed upload of report.pdf added with the profile "Work MinIO", which is then deleted. */
  async function setup() {
    const engine = createFakeEngine();
    const profiles = new Map([['p', { name: 'Work MinIO', bucket: 'b' }]]);
    const flow = createAddFlow({
      engine,
      settings: {
        ...settings,
        resolveTarget: (choice) => ({ ...target, prefix: choice.prefix }),
        profile: (id: string) => profiles.get(id) as never,
      },
      asker,
    });
    await flow.add([join(dir, 'report.pdf')], { profileId: 'p', bucket: 'b', prefix: 'docs/' });
    const [item] = engine.snapshot();
    engine.setState(item!.id, { kind: 'failed', error: { code: 'X', message: 'x' }, cleanup: 'none-needed' });
    profiles.delete('p');
    return { engine, flow, id: item!.id };
  }

  it("is refused with a message naming the profile and the file, and the old profile's keys are not used", async () => {
    const { engine, flow, id } = await setup();
    let refusal: unknown;
    try {
      flow.retry(id);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(IpcError);
    expect(refusal).toMatchObject({ code: 'not-allowed' });
    const message = (refusal as Error).message;
    expect(message).toContain('"Work MinIO"');
    expect(message).toContain('docs/report.pdf');
    expect(message).toMatch(/deleted/);
    expect(message).toMatch(/add the file again with another profile/i);
    expect(engine.callsTo('retry')).toEqual([]);
  });

  it('an item put back whose profile was already gone: the message says the profile was deleted', async () => {
    const { engine, flow, id } = await setup();
    flow.adopt(id, 'gone-before-restart', 'b');
    expect(() => flow.retry(id)).toThrow(/profile .*was deleted/);
    expect(engine.callsTo('retry')).toEqual([]);
  });

  it('a cleanup that could not be confirmed runs again on the upload it holds', async () => {
    const { engine, flow, id } = await setup();
    engine.setState(id, { kind: 'cleanup-failed', uploadId: 'u1', error: { code: 'X', message: 'x' } });
    flow.retry(id);
    expect(engine.callsTo('retry')).toEqual([[id, undefined]]);
  });
});
