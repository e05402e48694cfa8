// Scenarios 1–3: uploads, cancelling one file mid-upload, cancelling everything — in Chromium, on the real services
// and engine, through a throttling proxy in front of moto. Each asserts what the server holds, not only the page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { listMultipartUploads } from '../harness/s3-check';
import { isNonDecreasing, startSession, waitUntil } from './support/app';
import { launchChromium } from './support/browser';
import { expectSameBytes, serverState } from './support/s3';
import { stateWords } from './support/state-words';

const MiB = 1024 * 1024;
/** Scenario 2 runs this many times in a row (E2E_REPEAT=10 for the ten-in-a-row proof). */
const REPEAT = Math.max(1, Math.floor(Number(process.env.E2E_REPEAT ?? 3)) || 3);

let browser: Browser;
let proxy: FaultProxy;
let dir: string;
const s3 = () => inject('s3Endpoint');

beforeAll(async () => {
  [browser, proxy, dir] = await Promise.all([
    launchChromium(),
    startFaultProxy(inject('s3Endpoint')),
    makeTempDir('hoist-e2e-queue-'),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await cleanupTempDirs();
});

const open = (extra: { locale?: string } = {}) =>
  startSession({ browser, s3Endpoint: s3(), endpoint: proxy.endpoint, ...extra });

const last = (values: number[] | undefined) => values?.[values.length - 1] ?? 0;

describe('1. drop three files', () => {
  it('shows three rows whose progress rises, all Done, and the objects are byte-identical', async () => {
    const files = {
      'report-2024.pdf': await makeFile(dir, 's1/report-2024.pdf', 6 * MiB, 11),
      'holiday.mov': await makeFile(dir, 's1/holiday.mov', 14 * MiB, 12),
      'notes.txt': await makeFile(dir, 's1/notes.txt', 4 * MiB + 123, 13),
    };
    const names = Object.keys(files);
    proxy.throttle(8 * MiB);
    const session = await open();
    const { app, bucket } = session;
    try {
      await app.watchRows();
      await app.drop(files);
      await expect.poll(() => app.page.getByRole('listitem').count()).toBe(3);

      // Mid-flight: every file has sent something, and at most one has finished.
      await waitUntil(
        async () => {
          const history = await app.rowHistory();
          const now = names.map((n) => last(history[n]?.sent));
          return now.every((p) => p > 0) && now.filter((p) => p < 100).length >= 2;
        },
        { what: 'all three files mid-upload' },
      );
      await app.screenshot('queue-progress.png');

      for (const name of names) {
        await expect.poll(() => app.rowState(name).textContent(), { timeout: 60_000 }).toBe(app.t('state.done'));
      }
      const history = await app.rowHistory();
      // The percent shown is what the server confirmed: it never falls and ends at 100. The bar's lighter part (bytes
      // sent, not yet answered) rises through the upload, also for a single PUT whose percent moves only at its end.
      for (const name of names) {
        const { progress, sent } = history[name]!;
        expect(isNonDecreasing(progress), `${name} progress ${progress.join(',')}`).toBe(true);
        expect(
          sent.filter((v) => v > 0 && v < 100).length,
          `${name} intermediate values sent ${sent.join(',')}`,
        ).toBeGreaterThanOrEqual(2);
        expect(last(progress)).toBe(100);
      }
      console.log(
        `[e2e] scenario 1 progress (confirmed / sent) seen: ${names.map((n) => `${n}: ${history[n]!.progress.join(' ')} / ${history[n]!.sent.join(' ')}`).join(' | ')}`,
      );

      expect(await serverState(s3(), bucket)).toEqual({ objects: [...names].sort(), uploads: [] });
      await expectSameBytes(s3(), bucket, files);
      session.expectClean();
    } finally {
      proxy.throttle(null);
      await session.close();
    }
  });
});

describe(`2. cancel one 64 MiB file mid-upload (${REPEAT}× in a row)`, () => {
  const big = 'big-video.mkv';
  let files: Record<string, string>;

  beforeAll(async () => {
    files = {
      [big]: await makeFile(dir, 's2/big-video.mkv', 64 * MiB, 21),
      'photo-1.jpg': await makeFile(dir, 's2/photo-1.jpg', 2 * MiB, 22),
      'photo-2.jpg': await makeFile(dir, 's2/photo-2.jpg', 3 * MiB + 7, 23),
    };
  });

  for (let run = 1; run <= REPEAT; run++) {
    it(`run ${run}/${REPEAT}: Cancelling…, then "Cancelled (at N%): parts cleaned up"; nothing left on the server; the others complete`, async () => {
      proxy.throttle(12 * MiB);
      const session = await open();
      const { app, bucket } = session;
      try {
        await app.watchRows();
        await app.drop(files);
        // Mid-upload: the multipart upload exists on the server and part bytes are flowing.
        await waitUntil(async () => (await listMultipartUploads(s3(), bucket)).some((u) => u.key === big), {
          what: `a multipart upload for ${big}`,
          intervalMs: 100,
        });
        await expect
          .poll(async () => Number(await app.progress(big).getAttribute('aria-valuenow')), { timeout: 30_000 })
          .toBeGreaterThanOrEqual(5);

        await app
          .row(big)
          .getByRole('button', { name: app.t('aria.cancelItem', { name: big }) })
          .click();
        const atCancel = Number(await app.progress(big).getAttribute('aria-valuenow'));
        expect(atCancel, 'progress when Cancel was pressed').toBeLessThan(100);

        const verified = stateWords(app.language, 'cancelledVerified');
        await expect.poll(() => app.rowState(big).textContent(), { timeout: 30_000 }).toMatch(verified);
        const states = (await app.rowHistory())[big]!.states;
        const cancelling = states.indexOf(app.t('state.cancelling'));
        expect(cancelling, `states of ${big}: ${states.join(' → ')}`).toBeGreaterThanOrEqual(0);
        const after = states.slice(cancelling + 1);
        expect(after, `states of ${big}: ${states.join(' → ')}`).toHaveLength(1);
        expect(after[0]).toMatch(verified);

        // Nothing of it on the server: no multipart upload, no object.
        const afterCancel = await serverState(s3(), bucket);
        expect(afterCancel.uploads).not.toContain(big);
        expect(afterCancel.objects).not.toContain(big);

        proxy.throttle(null);
        for (const name of ['photo-1.jpg', 'photo-2.jpg']) {
          await expect.poll(() => app.rowState(name).textContent(), { timeout: 60_000 }).toBe(app.t('state.done'));
        }
        expect(await serverState(s3(), bucket)).toEqual({ objects: ['photo-1.jpg', 'photo-2.jpg'], uploads: [] });
        await expectSameBytes(s3(), bucket, {
          'photo-1.jpg': files['photo-1.jpg']!,
          'photo-2.jpg': files['photo-2.jpg']!,
        });
        if (run === 1) await app.screenshot('cancelled.png');
        console.log(`[e2e] scenario 2 run ${run}/${REPEAT}: cancelled at ${atCancel}%, states: ${states.join(' → ')}`);
        session.expectClean();
      } finally {
        proxy.throttle(null);
        await session.close();
      }
    });
  }
});

describe('3. cancel all during a batch (Japanese UI)', () => {
  it('ends every row cancelled and leaves no incomplete upload on the server', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 5; i++) {
      const name = `写真-${String(i).padStart(2, '0')}.raw`;
      files[name] = await makeFile(dir, `s3/${name}`, 16 * MiB, 30 + i);
    }
    const names = Object.keys(files);
    proxy.throttle(8 * MiB);
    const session = await open({ locale: 'ja-JP' });
    const { app, bucket } = session;
    try {
      expect(app.language).toBe('ja');
      await app.watchRows();
      await app.drop(files);
      await expect.poll(() => app.page.getByRole('listitem').count()).toBe(5);
      // Three files upload at once (the engine's default); wait until all three have parts on the way.
      await waitUntil(async () => (await listMultipartUploads(s3(), bucket)).length >= 3, {
        what: 'three multipart uploads',
        intervalMs: 100,
      });
      await waitUntil(
        async () => {
          const history = await app.rowHistory();
          return names.filter((n) => last(history[n]?.sent) > 0).length >= 3;
        },
        { what: 'three files mid-upload' },
      );
      await app.screenshot('queue-ja.png');

      await app.page.getByRole('button', { name: app.t('action.cancelAll'), exact: true }).click();
      const cancelled = stateWords(app.language, 'cancelledVerified', 'cancelledNone');
      for (const name of names) {
        await expect.poll(() => app.rowState(name).textContent(), { timeout: 30_000 }).toMatch(cancelled);
      }
      const finals = await Promise.all(names.map((n) => app.rowState(n).textContent()));
      // The three that were uploading had their parts aborted (verified); the queued ones never started.
      const verified = stateWords(app.language, 'cancelledVerified');
      expect(finals.filter((s) => verified.test(s ?? '')).length).toBeGreaterThanOrEqual(3);
      expect(await serverState(s3(), bucket)).toEqual({ objects: [], uploads: [] });
      console.log(`[e2e] scenario 3 final states: ${finals.join(' | ')}`);
      session.expectClean();
    } finally {
      proxy.throttle(null);
      await session.close();
    }
  });
});
