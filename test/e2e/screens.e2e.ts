// The screenshot matrix (issue 21): the window as a user sees it with a busy queue — done, failed (its whole message
// opened), cancelled part-way, uploading and queued rows — at 800×600 and 1280×800, in the light and the dark theme,
// and in Japanese at 800 px; with Settings and Incomplete uploads beside the queue. At 800 px every screen is checked
// for anything past the window's right edge (support/page-overflow.ts), and the check itself is shown to fail on a
// planted overflow first, so a pass means something.
//
// Run against versitygw when the run has it: it dates each multipart upload with the real time, so the Incomplete
// uploads screen says "just now" (moto says 2010 for every upload).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMMAND } from '../../src/shared/ipc-channels';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { friendlyBucket, openApp, startSession, type AppPage } from './support/app';
import { launchChromium } from './support/browser';
import { serverState } from './support/s3';
import { stateWords } from './support/state-words';

const KiB = 1024;
const MiB = 1024 * KiB;
const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
/** Where the overflow check runs: the narrowest window the app supports well. */
const NARROW = 800;

const servers = inject('s3Backends').filter((b) => b.endpoint.startsWith('http:') && !b.own);
const server = servers.find((b) => b.name === 'versitygw') ?? servers[0]!;

let browser: Browser;
let proxy: FaultProxy;
let dir: string;

beforeAll(async () => {
  [browser, proxy, dir] = await Promise.all([
    launchChromium(),
    startFaultProxy(server.endpoint),
    makeTempDir('hoist-e2e-screens-'),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await cleanupTempDirs();
});

/** Fails with every element past the right edge at this width, named, and the document's own width. */
async function expectNoOverflow(app: AppPage, what: string): Promise<void> {
  const report = await app.overflow();
  expect(report.scrollWidth, `${what}: the document is wider than the window`).toBeLessThanOrEqual(report.innerWidth);
  expect(report.elements, `${what}: elements past the right edge at ${report.clientWidth} px`).toEqual([]);
}

/**
 * Plants three boxes 900 px wide in an 800 px window and asks the check about each: alone (must be reported), inside
 * a container that hides what sticks out (must be reported: the user cannot reach it), inside a container marked to
 * scroll sideways (must not be). Then removes them. Styles are set through the CSSOM, which the page's CSP allows
 * (it refuses inline style attributes); page script as a string, since this file has no DOM types.
 */
async function expectCheckCatchesOverflow(app: AppPage): Promise<void> {
  const plant = (wrapper: 'none' | 'hidden' | 'scroll') =>
    app.page.evaluate(`(() => {
      const wrapper = ${JSON.stringify(wrapper)};
      const host = document.createElement('div');
      host.id = 'overflow-plant';
      const wide = document.createElement('div');
      wide.id = 'too-wide';
      wide.textContent = 'too wide';
      wide.style.width = '900px';
      wide.style.height = '20px';
      if (wrapper === 'none') host.append(wide);
      else {
        const box = document.createElement('div');
        box.style.width = '100%';
        if (wrapper === 'hidden') box.style.overflow = 'hidden';
        else {
          box.style.overflowX = 'auto';
          box.setAttribute('data-scroll-x', '');
        }
        box.append(wide);
        host.append(box);
      }
      document.body.append(host);
    })()`);
  const unplant = () => app.page.evaluate(`document.getElementById('overflow-plant')?.remove()`);
  const cases = [
    { wrapper: 'none', reported: true },
    { wrapper: 'hidden', reported: true },
    { wrapper: 'scroll', reported: false },
  ] as const;
  for (const { wrapper, reported } of cases) {
    await plant(wrapper);
    try {
      const report = await app.overflow();
      const found = report.elements.some((line) => line.includes('#too-wide'));
      expect(found, `a 900 px box, wrapper ${wrapper}: ${report.elements.join(' | ') || 'nothing reported'}`).toBe(
        reported,
      );
    } finally {
      await unplant();
    }
  }
}

async function look(page: Page, size: { width: number; height: number }, scheme: 'light' | 'dark'): Promise<void> {
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: scheme });
  // Two frames: the resize reaches the app's narrow-window hook, and the new layout is painted.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

/** Opens the failed row's whole message; checks it shows the part that says what to fix. */
async function openDetails(app: AppPage, name: string, mustShow: string): Promise<void> {
  await app
    .row(name)
    .getByRole('button', { name: app.t('aria.detailsItem', { name }) })
    .click();
  const dialog = app.page.getByRole('dialog');
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(mustShow);
}

async function closeDetails(app: AppPage): Promise<void> {
  await app.page.keyboard.press('Escape');
  await app.page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** The files of the scene, named as a user's would be. */
const SCENE = {
  done: { 'beach-day.jpg': 3 * MiB + 77, 'packing-list.txt': 18 * KiB },
  failed: 'budget-2025.xlsx',
  cancelled: 'wedding-video.mov',
  /** Three upload at once (the engine's default), the fourth waits. */
  moving: ['drone-0413.mp4', 'concert.mov', 'family-archive.zip', 'scans-2019.tar'],
};

/** Fixture files under `dir`, by name (a dropped File's name is its path's basename). */
async function files(sizes: Record<string, number>, seed: number): Promise<Record<string, string>> {
  const made = await Promise.all(
    Object.entries(sizes).map(async ([name, size], i) => [name, await makeFile(dir, name, size, seed + i)] as const),
  );
  return Object.fromEntries(made);
}

describe(`the screenshot matrix [${server.name}]`, () => {
  it('queue, error details, Settings and Incomplete uploads at 800 and 1280 px, light and dark; nothing past the right edge at 800 px', async () => {
    const bucket = friendlyBucket();
    const session = await startSession({
      browser,
      s3Endpoint: server.endpoint,
      endpoint: proxy.endpoint,
      bucket,
      viewport: SIZES[1],
    });
    const { app, bridge } = session;
    const { page, t } = app;
    let japanese: AppPage | undefined;
    try {
      // Done: two small files.
      const done = await files(SCENE.done, 1);
      await app.drop(done);
      for (const name of Object.keys(done))
        await expect.poll(() => app.rowState(name).textContent(), { timeout: 30_000 }).toBe(t('state.done'));

      // Failed: one file sent while the target names a bucket that does not exist (a typo), then the target put back.
      const settings = await bridge.invoke(COMMAND.getSettings, undefined);
      const target = settings.activeTarget!;
      const typo = bucket.replace('family-photos', 'family-fotos');
      await bridge.invoke(COMMAND.selectTarget, { ...target, bucket: typo });
      await app.drop(await files({ [SCENE.failed]: 240 * KiB }, 9));
      const failedPrefix = t('state.failed', { reason: '' });
      await expect
        .poll(() => app.rowState(SCENE.failed).textContent(), { timeout: 60_000 })
        .toMatch(new RegExp(`^${failedPrefix}`));
      await bridge.invoke(COMMAND.selectTarget, target);

      // Cancelled part-way: the row keeps how far it got.
      proxy.throttle(8 * MiB);
      await app.drop(await files({ [SCENE.cancelled]: 48 * MiB }, 10));
      await expect
        .poll(async () => Number(await app.progress(SCENE.cancelled).getAttribute('aria-valuenow')), {
          timeout: 30_000,
        })
        .toBeGreaterThanOrEqual(30);
      await app
        .row(SCENE.cancelled)
        .getByRole('button', { name: t('aria.cancelItem', { name: SCENE.cancelled }) })
        .click();
      await expect
        .poll(() => app.rowState(SCENE.cancelled).textContent(), { timeout: 30_000 })
        .toMatch(stateWords(app.language, 'cancelledVerified'));

      // Uploading (three at a time, each with a part confirmed) and queued (the fourth); then slowed to a pace that
      // keeps them uploading through all the screenshots however slow the machine (their ~30 MiB left at 64 KiB/s
      // each is some 8 minutes), with speeds and times left that have settled to it.
      proxy.throttle(12 * MiB);
      await app.drop(await files(Object.fromEntries(SCENE.moving.map((n) => [n, 48 * MiB])), 20));
      await expect
        .poll(
          async () => {
            const values = await Promise.all(
              SCENE.moving.map(async (n) => Number(await app.progress(n).getAttribute('aria-valuenow'))),
            );
            return values.filter((v) => v >= 10).length;
          },
          { timeout: 60_000 },
        )
        .toBe(3);
      proxy.throttle(192 * KiB);
      await new Promise((r) => setTimeout(r, 5_000));

      // Proof that the overflow check can fail, in the window it is about to judge.
      await look(page, SIZES[0], 'light');
      await expectCheckCatchesOverflow(app);

      // The part of the engine's message that says what to fix (its English words; the Japanese page checks the name).
      const fixHint = 'Check the bucket name, or create the bucket first.';
      for (const size of SIZES) {
        for (const scheme of SCHEMES) {
          const tag = `${size.width}-${scheme}`;
          await look(page, size, scheme);
          await app.screenshot(`queue-${tag}.png`);
          if (size.width === NARROW) await expectNoOverflow(app, `the queue, ${tag}`);

          await openDetails(app, SCENE.failed, fixHint);
          await app.screenshot(`error-details-${tag}.png`);
          if (size.width === NARROW) await expectNoOverflow(app, `the error details, ${tag}`);
          await closeDetails(app);

          await app.action(t('action.settings'));
          await page.getByRole('form').waitFor();
          await app.screenshot(`settings-${tag}.png`);
          if (size.width === NARROW) await expectNoOverflow(app, `Settings, ${tag}`);
          await page.getByRole('button', { name: t('action.back'), exact: true }).click();

          // The uploads under way are the bucket's incomplete uploads, started by Hoist a moment ago.
          await app.action(t('action.incomplete'));
          await expect
            .poll(() => page.getByRole('table').locator('time').count(), { timeout: 30_000 })
            .toBeGreaterThanOrEqual(3);
          await app.screenshot(`incomplete-${tag}.png`);
          if (size.width === NARROW) await expectNoOverflow(app, `Incomplete uploads, ${tag}`);
          await page.getByRole('button', { name: t('action.back'), exact: true }).click();
          await app.row(SCENE.failed).waitFor();
        }
      }

      // Japanese at 800 px: a second window on the same main (the queue is main's), in a Japanese system locale.
      japanese = await openApp(browser, bridge, { locale: 'ja-JP', viewport: SIZES[0] });
      expect(japanese.language).toBe('ja');
      await japanese.row(SCENE.failed).waitFor();
      await japanese.screenshot('queue-ja-800-light.png');
      await expectNoOverflow(japanese, 'the queue in Japanese, 800-light');
      await openDetails(japanese, SCENE.failed, typo);
      await japanese.screenshot('error-details-ja-800-light.png');
      await expectNoOverflow(japanese, 'the error details in Japanese, 800-light');
      await closeDetails(japanese);
      await japanese.action(japanese.t('action.settings'));
      await japanese.page.getByRole('form').waitFor();
      await japanese.screenshot('settings-ja-800-light.png');
      await expectNoOverflow(japanese, 'Settings in Japanese, 800-light');
      expect(japanese.problems, 'errors in the Japanese page').toEqual([]);

      // Nothing of the failed or the cancelled file reached the bucket; the done ones did.
      proxy.throttle(null);
      const { objects } = await serverState(server.endpoint, bucket);
      expect(objects).toEqual(expect.arrayContaining(Object.keys(done)));
      expect(objects).not.toContain(SCENE.cancelled);
      expect(objects).not.toContain(SCENE.failed);
      session.expectClean();
    } finally {
      proxy.throttle(null);
      await japanese?.close();
      await session.close();
    }
  }, 480_000);
});
