// Scenario 5: the profile names a bucket that does not exist. The rows fail with a reason that names the bucket;
// the user fixes the profile in Settings, presses Retry, and the files arrive in the right bucket.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { createBucket } from '../harness/s3-check';
import { friendlyBucket, startSession } from './support/app';
import { launchChromium } from './support/browser';
import { expectSameBytes, serverState } from './support/s3';

const MiB = 1024 * 1024;
let browser: Browser;
let dir: string;
const s3 = () => inject('s3Endpoint');

beforeAll(async () => {
  [browser, dir] = await Promise.all([launchChromium(), makeTempDir('hoist-e2e-errors-')]);
});

afterAll(async () => {
  await browser?.close();
  await cleanupTempDirs();
});

describe('5. a missing bucket', () => {
  it('fails the rows naming the bucket; after fixing the profile, Retry uploads them', async () => {
    // A typo a person makes: the bucket is family-photos-…, the profile says family-fotos-….
    const good = friendlyBucket('family-photos');
    const missing = good.replace('family-photos', 'family-fotos');
    await createBucket(s3(), good);
    const files = {
      'invoice.pdf': await makeFile(dir, 'invoice.pdf', 1 * MiB + 5, 51),
      'scan.tiff': await makeFile(dir, 'scan.tiff', 9 * MiB, 52),
    };
    const names = Object.keys(files);
    const session = await startSession({
      browser,
      s3Endpoint: s3(),
      createBucket: false,
      profile: { bucket: missing },
    });
    const { app } = session;
    const { page, t } = app;
    try {
      await app.drop(files);
      const failedPrefix = t('state.failed', { reason: '' });
      for (const name of names) {
        await expect
          .poll(() => app.rowState(name).textContent(), { timeout: 60_000 })
          .toMatch(new RegExp(`^${failedPrefix}`));
        expect(await app.rowState(name).textContent(), `why ${name} failed`).toContain(missing);
      }
      console.log(`[e2e] scenario 5 failure shown: "${await app.rowState('scan.tiff').textContent()}"`);
      // A missing bucket fails every file to it: one notice says so, with the count, not one per row.
      // (Files that fail more than a moment apart are counted in notices of their own; together they count both.)
      const notices = page.getByRole('alert').filter({ hasText: 'NoSuchBucket' });
      const counted = async () =>
        (await notices.allTextContents()).reduce((sum, text) => sum + Number(/^(\d+)/.exec(text)?.[1] ?? 0), 0);
      await expect.poll(counted, { timeout: 10_000 }).toBe(2);
      for (const text of await notices.allTextContents()) expect(text).toContain(missing);
      await app.screenshot('error.png');

      // Fix the profile in Settings: the right bucket.
      await page.getByRole('button', { name: t('action.settings'), exact: true }).click();
      const form = page.getByRole('form');
      await form.getByLabel(t('field.bucket'), { exact: true }).fill(good);
      await form.getByRole('button', { name: t('action.save'), exact: true }).click();
      await expect.poll(() => form.locator('.form-status').textContent()).toBe(t('settings.saved'));
      await page.getByRole('button', { name: t('action.back'), exact: true }).click();
      // The target bar followed the profile.
      await expect
        .poll(() =>
          page
            .getByRole('region', { name: t('target.label') })
            .getByRole('textbox')
            .first()
            .inputValue(),
        )
        .toBe(good);

      for (const name of names)
        await app
          .row(name)
          .getByRole('button', { name: t('aria.retryItem', { name }) })
          .click();
      for (const name of names) {
        await expect.poll(() => app.rowState(name).textContent(), { timeout: 60_000 }).toBe(t('state.done'));
        expect(await app.rowDest(name).textContent()).toBe(`${good}/${name}`);
      }
      expect(await serverState(s3(), good)).toEqual({ objects: [...names].sort(), uploads: [] });
      await expectSameBytes(s3(), good, files);
      session.expectClean();
    } finally {
      await session.close();
    }
  });
});
