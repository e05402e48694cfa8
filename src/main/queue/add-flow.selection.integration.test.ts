// The app's add flow and "which files go", with the real engine against each server: the profile's excludes, the
// conflict question's "Skip if unchanged" and the profile's skip-unchanged default. What counts is what the server
// holds (its ETags) and the add's summary.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeEachBackend,
  freshBucketOn,
  s3ClientFor,
  targetFor,
  type S3Backend,
} from '../../../test/harness/backends';
import { cleanupTempDirs, makeTempDir } from '../../../test/harness/fixtures';
import { listObjects } from '../../../test/harness/s3-check';
import { createEngine, DEFAULT_PART_SIZE } from '../../engine';
import type { UploadEngineApi } from '../../engine';
import { compareWithObjects } from '../../engine/s3/unchanged';
import type { ConflictChoice, ConflictQuestion } from '../../shared/ipc';
import type { ObjectOptions } from '../../shared/object-options';
import type { ProfileFields } from '../../shared/settings-schema';
import type { SettingsStore } from '../settings/settings-store';
import type { ConflictAsker } from './conflict-asker';
import { createAddFlow, type AddFlow } from './add-flow';

afterAll(cleanupTempDirs);

describeEachBackend('add flow: which files go', (backend: S3Backend) => {
  let engine: UploadEngineApi;
  const client = s3ClientFor(backend);
  beforeAll(() => {
    engine = createEngine({ retryBaseDelayMs: 20 });
  });
  afterAll(async () => {
    await engine.close();
    client.destroy();
  });

  /** A flow whose profile has these settings, answering every question with `answer` (and "the rest"). */
  function flow(profile: Partial<ProfileFields>, answer: ConflictChoice, asked: ConflictQuestion[] = []): AddFlow {
    const asker: ConflictAsker = {
      async ask(q) {
        asked.push({ ...q, id: String(asked.length) });
        return { choice: answer, applyToRest: true };
      },
      pending: () => null,
      answer: () => false,
      skipAll: () => undefined,
    };
    const withOptions = (bucket: string, prefix: string, options?: ObjectOptions) =>
      targetFor(backend, bucket, prefix, options ? { objectOptions: options } : {});
    return createAddFlow({
      engine,
      settings: {
        resolveTarget: (choice) => withOptions(choice.bucket, choice.prefix, choice.options),
        targetFor: (_id, bucket, prefix, options) => withOptions(bucket, prefix, options),
        profile: () =>
          ({ bucket: 'elsewhere', excludes: ['.DS_Store'], skipUnchanged: false, ...profile }) as ReturnType<
            SettingsStore['profile']
          >,
      },
      asker,
      existingKeys: (target, keys) => engine.existingKeys(target, keys),
      compareWithObjects: (target, files) =>
        compareWithObjects(client, target.bucket, files, target.partSize ?? DEFAULT_PART_SIZE),
    });
  }

  async function drop(): Promise<string> {
    const dir = join(await makeTempDir('hoist-select-'), 'docs');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'a.txt'), 'alpha');
    await writeFile(join(dir, 'b.txt'), 'bravo');
    await writeFile(join(dir, 'c.log'), 'charlie');
    await writeFile(join(dir, '.DS_Store'), 'finder');
    return dir;
  }
  const etags = async (bucket: string) =>
    Object.fromEntries((await listObjects(backend.endpoint, bucket)).map((o) => [o.key, o.etag]));

  it("leaves out what the profile's excludes match (its list is the whole list), counting them", async () => {
    const dir = await drop();
    const bucket = await freshBucketOn(backend, 'app-excl');
    const summary = await flow({ excludes: ['*.log'] }, 'skip').add([dir], { profileId: 'p', bucket, prefix: '' });
    await engine.idle();
    expect(summary).toMatchObject({ added: 3, excluded: 1 });
    // .DS_Store is not in this profile's list, so it goes: the profile's list replaces the defaults.
    expect(Object.keys(await etags(bucket)).sort()).toEqual(['docs/.DS_Store', 'docs/a.txt', 'docs/b.txt']);
  });

  it('"Skip if unchanged" leaves the unchanged files alone and overwrites the changed one', async () => {
    const dir = await drop();
    const bucket = await freshBucketOn(backend, 'app-skipq');
    const choice = { profileId: 'p', bucket, prefix: 'in' };
    await flow({}, 'overwrite').add([dir], choice);
    await engine.idle();
    const before = await etags(bucket);
    await writeFile(join(dir, 'b.txt'), 'BRAVO');

    const asked: ConflictQuestion[] = [];
    const summary = await flow({}, 'skip-unchanged', asked).add([dir], choice);
    await engine.idle();
    // Asked once, answered for the rest; the two unchanged files up to date, the changed one sent.
    expect(asked.map((q) => q.key)).toEqual(['in/docs/a.txt']);
    expect(summary).toMatchObject({ added: 1, skipped: 0, upToDate: 2, excluded: 1 });
    const after = await etags(bucket);
    expect(after['in/docs/a.txt']).toBe(before['in/docs/a.txt']);
    expect(after['in/docs/c.log']).toBe(before['in/docs/c.log']);
    expect(after['in/docs/b.txt']).not.toBe(before['in/docs/b.txt']);
  });

  it('a profile with skip unchanged checks first: the unchanged files are never asked about', async () => {
    const dir = await drop();
    const bucket = await freshBucketOn(backend, 'app-skipp');
    const choice = { profileId: 'p', bucket, prefix: '' };
    await flow({}, 'overwrite').add([dir], choice);
    await engine.idle();
    await writeFile(join(dir, 'c.log'), 'CHARLIE');

    const asked: ConflictQuestion[] = [];
    const summary = await flow({ skipUnchanged: true }, 'skip', asked).add([dir], choice);
    await engine.idle();
    expect(asked.map((q) => q.key)).toEqual(['docs/c.log']);
    expect(summary).toMatchObject({ added: 0, skipped: 1, upToDate: 2 });
  });
});
