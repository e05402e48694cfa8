// The overwrite question's fourth answer, "Skip if unchanged", on every plain-HTTP server of the run: the files whose
// objects are the same are left alone (the notice counts them up to date), the changed one is sent, and the bucket
// shows it. Screenshots of the question with the new button, in English and in Japanese (at 800 px, the narrowest
// window, so that five buttons are seen to fit).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeTempDir, sha256File } from '../harness/fixtures';
import { listObjects, objectSha256, putObject } from '../harness/s3-check';
import { startSession, type Session } from './support/app';
import { launchChromium } from './support/browser';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  [browser, dir] = await Promise.all([launchChromium(), makeTempDir('hoist-e2e-skip-')]);
});
afterAll(async () => {
  await browser?.close();
  await cleanupTempDirs();
});

const servers = inject('s3Backends').filter((b) => b.endpoint.startsWith('http:') && !b.own);

/** album/ with three photos; a and b are already in the bucket as they are, c is there in an older version. */
async function albumInBucket(name: string, endpoint: string, bucket: string): Promise<string> {
  const root = join(dir, name, 'album');
  await mkdir(root, { recursive: true });
  const bytes = (n: string, v = 1) => `${n} version ${v} `.repeat(2000);
  for (const n of ['a', 'b', 'c']) await writeFile(join(root, `IMG_${n}.jpg`), bytes(n, n === 'c' ? 2 : 1));
  for (const n of ['a', 'b', 'c']) await putObject(endpoint, bucket, `album/IMG_${n}.jpg`, bytes(n));
  return root;
}

describe.each(servers)('Skip if unchanged [$name]', (backend: S3Backend) => {
  let session: Session | undefined;
  const first = backend === servers[0];
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  for (const locale of first ? ['en-US', 'ja-JP'] : ['en-US']) {
    it(`sends only the changed file and counts the others up to date (${locale})`, async () => {
      session = await startSession({
        browser,
        s3Endpoint: backend.endpoint,
        locale,
        viewport: { width: 800, height: 600 },
        profile: { name: 'Photos' },
      });
      const { app, bucket } = session;
      const { page, t } = app;
      const folder = await albumInBucket(`${backend.name}-${locale}`, backend.endpoint, bucket);
      const before = await listObjects(backend.endpoint, bucket);

      await app.drop({ album: folder });
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const button = dialog.getByRole('button', { name: t('conflict.skipUnchanged'), exact: true });
      expect(await button.getAttribute('title')).toBe(t('conflict.skipUnchangedHint'));
      // Every button of the question inside the dialog, none cut off at the narrowest window.
      const box = (await dialog.boundingBox())!;
      for (const b of await dialog.getByRole('button').all()) {
        const r = (await b.boundingBox())!;
        expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
      }
      expect(box.x + box.width).toBeLessThanOrEqual(800.5);
      if (first)
        await app.screenshot(locale === 'en-US' ? 'conflict-skip-unchanged.png' : 'conflict-skip-unchanged-ja.png');

      await dialog.getByRole('checkbox').check();
      await button.click();
      await dialog.waitFor({ state: 'detached' });
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: t('notice.add-up-to-date', { count: 2, bucket }) })
            .count(),
        )
        .toBe(1);
      await expect.poll(() => app.rowState('album/IMG_c.jpg').textContent(), { timeout: 20_000 }).toBe(t('state.done'));
      expect(await page.getByRole('listitem').count()).toBe(1);
      const after = await listObjects(backend.endpoint, bucket);
      const etag = (list: typeof before, key: string) => list.find((o) => o.key === key)?.etag;
      expect(etag(after, 'album/IMG_a.jpg')).toBe(etag(before, 'album/IMG_a.jpg'));
      expect(etag(after, 'album/IMG_b.jpg')).toBe(etag(before, 'album/IMG_b.jpg'));
      expect(await objectSha256(backend.endpoint, bucket, 'album/IMG_c.jpg')).toBe(
        await sha256File(join(folder, 'IMG_c.jpg')),
      );
      session.expectClean();
    });
  }
});
