// The app's add flow with the real engine against moto: the "already exists" question sees every key the engine
// writes (it once missed 3 of 6: links and a '\' in a name), and no link carries a file from outside the drop or
// from main's own data folder into the bucket.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '../../../test/harness/fixtures';
import { createBucket, listObjects, testTarget, uniqueBucket } from '../../../test/harness/s3-check';
import { makeTrickyFolder } from '../../../test/harness/tricky-folder';
import { createEngine } from '../../engine';
import type { UploadEngineApi } from '../../engine';
import type { ConflictChoice } from '../../shared/ipc';
import type { ConflictAsker } from './conflict-asker';
import { createAddFlow, type AddFlow } from './add-flow';

const endpoint = inject('s3Endpoint');
let engine: UploadEngineApi;
let bucket: string;
let base: string;
let userData: string;
const asked: string[] = [];
let answer: ConflictChoice = 'skip';

const asker: ConflictAsker = {
  async ask(q) {
    asked.push(q.key);
    return { choice: answer, applyToRest: false };
  },
  pending: () => null,
  answer: () => false,
  skipAll: () => undefined,
};

function flow(): AddFlow {
  return createAddFlow({
    engine,
    settings: {
      resolveTarget: (choice) => testTarget(endpoint, choice.bucket, choice.prefix),
      targetFor: (_id, b, prefix) => testTarget(endpoint, b, prefix),
      profile: () => undefined,
    },
    asker,
    existingKeys: (target, keys) => engine.existingKeys(target, keys),
    forbiddenRoots: [userData],
  });
}

beforeAll(async () => {
  base = await makeTempDir('hoist-addflow-');
  userData = join(base, 'userData');
  await mkdir(userData);
  await writeFile(join(userData, 'settings.json'), '{"secret":"sealed"}');
  bucket = uniqueBucket('addflow');
  await createBucket(endpoint, bucket);
  engine = createEngine({ retryBaseDelayMs: 20 });
});

afterAll(async () => {
  await engine.close();
  await cleanupTempDirs();
});

describe('add flow with the real engine', () => {
  it('asks about every key the engine writes, and no link brings in a file from outside the drop', async () => {
    const t = await makeTrickyFolder(join(base, 'drop'));
    await writeFile(join(t.album, 'a\\b.txt'), 'backslash');
    await symlink('sub', join(t.album, 'alias'));
    await symlink(userData, join(t.album, 'app-data'));
    const choice = { profileId: 'p', bucket, prefix: 'inbox' };

    const first = await flow().add([t.album], choice);
    await engine.idle();
    const written = (await listObjects(endpoint, bucket)).map((o) => o.key).sort();
    expect(written).toEqual([
      'inbox/album/Caf\u00e9.txt',
      'inbox/album/a',
      'inbox/album/a\\b.txt',
      'inbox/album/sub/b.txt',
    ]);
    expect(first).toMatchObject({ added: 4, skipped: 0 });
    // The refusals (the odd names) first, then the entries left out: links, the FIFO and the socket, each once.
    const links = ['alias', 'app-data', 'escape', 'inner/up', 'x', 'y'];
    expect(first.rejected.map((r) => `${r.code} ${r.path.slice(t.album.length + 1)}`)).toEqual([
      expect.stringMatching(/^InvalidKey /),
      expect.stringMatching(/^InvalidKey /),
      ...links.slice(0, 4).map((l) => `Symlink ${l}`),
      'Fifo pipe',
      'Socket sock',
      ...links.slice(4).map((l) => `Symlink ${l}`),
    ]);
    expect(asked).toEqual([]);

    answer = 'skip';
    const again = await flow().add([t.album], choice);
    expect(asked.sort()).toEqual(written);
    expect(again).toMatchObject({ added: 0, skipped: 4 });
  });

  it("refuses main's data folder when it is inside the drop, by real path", async () => {
    const drop = join(base, 'profile-home');
    await mkdir(drop);
    await writeFile(join(drop, 'note.txt'), 'n');
    await symlink(userData, join(drop, 'data'));
    const home = await flow().add([drop, base], { profileId: 'p', bucket, prefix: 'home/' });
    await engine.idle();
    const keys = (await listObjects(endpoint, bucket, 'home/')).map((o) => o.key);
    expect(keys.filter((k) => k.includes('settings.json'))).toEqual([]);
    expect(keys).toContain('home/profile-home/note.txt');
    expect(home.rejected.filter((r) => r.code === 'Forbidden').map((r) => r.path)).toEqual([userData]);
  });
});
