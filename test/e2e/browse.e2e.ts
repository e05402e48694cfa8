// The destination browser (issue 20), from the target bar: Browse… opens it at the target's bucket, a click walks into
// a folder and Enter into the next, the objects already uploaded there are listed with their size and age, and
// "Choose this folder" puts the folder into the target bar, where the next drop lands. In English and in Japanese,
// with the screenshots browse.png and browse-ja.png.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { putObject } from '../harness/s3-check';
import { startSession, type Session } from './support/app';
import { launchChromium } from './support/browser';
import { serverState } from './support/s3';

let browser: Browser;
let dir: string;
const s3 = () => inject('s3Endpoint');

beforeAll(async () => {
  [browser, dir] = await Promise.all([launchChromium(), makeTempDir('hoist-e2e-browse-')]);
});

afterAll(async () => {
  await browser?.close();
  await cleanupTempDirs();
});

/** What a photographer's bucket might hold: two trips, and loose files at the top. */
async function fillBucket(bucket: string): Promise<void> {
  const objects: Record<string, number> = {
    'trips/2024-kyoto/temple.jpg': 48_000,
    'trips/2024-kyoto/garden.jpg': 61_500,
    'trips/2024-kyoto/notes.txt': 900,
    'trips/2024-kyoto/raw/DSC00412.ARW': 250_000,
    'trips/2023-lisbon/tram.jpg': 52_000,
    'inbox/scan-001.pdf': 210_000,
    'readme.txt': 120,
  };
  for (const [key, size] of Object.entries(objects)) await putObject(s3(), bucket, key, 'x'.repeat(size));
}

async function walkAndChoose(session: Session, screenshot: string): Promise<void> {
  const { app, bucket } = session;
  const { page, t } = app;
  const bar = page.getByRole('region', { name: t('target.label') });
  await bar.getByRole('button', { name: t('browse.open') }).click();
  const dialog = page.getByRole('dialog', { name: t('browse.title') });
  await expect.poll(() => dialog.isVisible()).toBe(true);

  // The target's bucket at its top: the folders and the loose file.
  const folder = (name: string) => dialog.getByRole('button', { name, exact: true });
  await folder('trips/').waitFor();
  await expect.poll(() => folder('inbox/').isVisible()).toBe(true);
  await expect.poll(() => dialog.getByRole('row', { name: /^readme\.txt/ }).isVisible()).toBe(true);

  // A click into trips/, then the keyboard: focus is on the first folder, Enter opens it.
  await folder('trips/').click();
  await folder('2023-lisbon/').waitFor();
  await page.keyboard.press('Tab');
  // Page script as a string: this project type-checks test/** without the DOM library.
  const focused = () => page.evaluate('document.activeElement && document.activeElement.textContent');
  await expect.poll(focused).toBe('2024-kyoto/');
  await page.keyboard.press('Enter');
  const temple = dialog.getByRole('row', { name: /^temple\.jpg/ });
  await temple.waitFor();
  await expect.poll(() => temple.locator('td').nth(1).textContent()).toBe('46.9 KiB');
  await expect.poll(() => temple.locator('time').textContent()).toBe(t('time.justNow'));
  expect(await dialog.getByRole('row', { name: /^garden\.jpg/ }).isVisible()).toBe(true);
  expect(await dialog.getByRole('row', { name: /^notes\.txt/ }).isVisible()).toBe(true);
  expect(await folder('raw/').isVisible()).toBe(true);
  expect(await dialog.getByText(`${bucket}/trips/2024-kyoto/`).isVisible()).toBe(true);
  await app.screenshot(screenshot);

  await dialog.getByRole('button', { name: t('browse.choose') }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await expect.poll(() => bar.getByLabel(t('target.prefix')).inputValue()).toBe('trips/2024-kyoto/');
  await expect.poll(() => bar.getByLabel(t('target.bucket')).inputValue()).toBe(bucket);
}

describe('destination browser', () => {
  it('walks from the target bar into a folder, shows what is there, and the next drop lands in the folder chosen', async () => {
    const session = await startSession({ browser, s3Endpoint: s3() });
    try {
      await fillBucket(session.bucket);
      await walkAndChoose(session, 'browse.png');

      const file = await makeFile(dir, 'shrine.jpg', 30_000, 7);
      await session.app.drop({ 'shrine.jpg': file });
      await expect
        .poll(() => session.app.rowState('shrine.jpg').textContent(), { timeout: 30_000 })
        .toBe(session.app.t('state.done'));
      const state = await serverState(s3(), session.bucket);
      expect(state.objects).toContain('trips/2024-kyoto/shrine.jpg');
      session.expectClean();
    } finally {
      await session.close();
    }
  });

  it('in Japanese', async () => {
    const session = await startSession({ browser, s3Endpoint: s3(), locale: 'ja-JP' });
    try {
      await fillBucket(session.bucket);
      await walkAndChoose(session, 'browse-ja.png');
      session.expectClean();
    } finally {
      await session.close();
    }
  });
});
