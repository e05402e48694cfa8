// Share links and the upload history (issue 20), through the real app against moto: files dropped and done, "Copy
// link" on a done row puts a presigned URL on the clipboard that a plain HTTP GET downloads byte for byte; History
// lists the uploads with their size and age, a search narrows them, and "Reveal in the destination" makes an
// object's folder the target. In English and in Japanese, with the screenshots copy-link.png, history.png and
// history-ja.png.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { startSession, type Session } from './support/app';
import { launchChromium } from './support/browser';

let browser: Browser;
let dir: string;
const s3 = () => inject('s3Endpoint');

beforeAll(async () => {
  [browser, dir] = await Promise.all([launchChromium(), makeTempDir('hoist-e2e-history-')]);
});

afterAll(async () => {
  await browser?.close();
  await cleanupTempDirs();
});

const FILES = { 'beach.jpg': 182_000, 'itinerary.pdf': 64_500, 'report-q3.xlsx': 23_800 };

/** Drops the files and waits until every row is done; answers each file's path. */
async function uploadAll(session: Session): Promise<Record<string, string>> {
  const { app } = session;
  const paths: Record<string, string> = {};
  let seed = 11;
  for (const [name, size] of Object.entries(FILES)) paths[name] = await makeFile(dir, name, size, seed++);
  await app.drop(paths);
  for (const name of Object.keys(FILES))
    await expect.poll(() => app.rowState(name).textContent(), { timeout: 30_000 }).toBe(app.t('state.done'));
  return paths;
}

/** What the page last wrote to the clipboard (read back through the page, with the permission granted). */
async function clipboardText(session: Session): Promise<string> {
  return (await session.app.page.evaluate('navigator.clipboard.readText()')) as string;
}

async function openHistory(session: Session) {
  const { page, t } = session.app;
  await page.getByRole('button', { name: t('history.open'), exact: true }).click();
  const pane = page.getByRole('region', { name: t('history.title') });
  await pane.getByRole('table').waitFor();
  return pane;
}

describe('share links and history', () => {
  it('Copy link on a done row copies a URL that downloads the file; History lists, searches and reveals', async () => {
    const session = await startSession({ browser, s3Endpoint: s3() });
    try {
      const { app, bucket } = session;
      const { page, t } = app;
      await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const paths = await uploadAll(session);

      await app
        .row('beach.jpg')
        .getByRole('button', { name: t('history.copyLinkItem', { name: 'beach.jpg' }) })
        .click();
      // Said in the notice bar, so the row keeps its layout.
      await page
        .getByRole('status')
        .filter({ hasText: /^Link copied — works until / })
        .waitFor();
      const url = await clipboardText(session);
      expect(url.startsWith(`${s3()}/${bucket}/beach.jpg?`)).toBe(true);
      // The profile's default: links work for 24 hours.
      expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('86400');
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(await readFile(paths['beach.jpg']!))).toBe(true);
      await app.screenshot('copy-link.png');
      await page.getByRole('button', { name: t('action.dismiss'), exact: true }).click();

      const pane = await openHistory(session);
      const rows = pane.getByRole('row');
      // The pane waits 200 ms before asking main for a listing (and again after typing): on a loaded machine that
      // with the answer can take more than expect.poll's 1 s default.
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4); // the header and three uploads
      const beach = pane.getByRole('row', { name: /beach\.jpg/ });
      await expect.poll(() => beach.locator('td').nth(1).textContent()).toBe('178 KiB');
      await expect.poll(() => beach.locator('time').textContent()).toBe(t('time.justNow'));
      expect(await beach.getByText('Photos', { exact: true }).isVisible()).toBe(true);
      await app.screenshot('history.png');

      await pane.getByRole('searchbox').fill('q3');
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
      expect(await pane.getByRole('row', { name: /report-q3\.xlsx/ }).isVisible()).toBe(true);
      await pane.getByRole('searchbox').fill('zebra');
      await pane.getByText(t('history.noMatch', { query: 'zebra' })).waitFor();

      // A link from the history works too.
      await pane.getByRole('searchbox').fill('');
      await pane.getByRole('button', { name: t('history.copyLinkItem', { name: 'itinerary.pdf' }) }).click();
      await expect.poll(() => pane.getByRole('status').textContent()).toMatch(/^Link copied — works until /);
      const second = await fetch(await clipboardText(session));
      expect(Buffer.from(await second.arrayBuffer()).equals(await readFile(paths['itinerary.pdf']!))).toBe(true);

      await pane.getByRole('button', { name: t('history.revealItem', { name: 'itinerary.pdf' }) }).click();
      await expect.poll(() => pane.count()).toBe(0);
      const bar = page.getByRole('region', { name: t('target.label') });
      await expect.poll(() => bar.getByLabel(t('target.bucket')).inputValue()).toBe(bucket);
      session.expectClean();
    } finally {
      await session.close();
    }
  });

  it('in Japanese', async () => {
    const session = await startSession({ browser, s3Endpoint: s3(), locale: 'ja-JP' });
    try {
      await uploadAll(session);
      const pane = await openHistory(session);
      await expect.poll(() => pane.getByRole('row').count(), { timeout: 10_000 }).toBe(4);
      await session.app.screenshot('history-ja.png');
      session.expectClean();
    } finally {
      await session.close();
    }
  });
});
