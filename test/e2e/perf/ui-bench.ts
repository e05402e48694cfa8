// The UI benchmark of issue 6 ("UI at 10,000 files"): the built renderer in Chromium, on the E2E bridge (main's real
// services and engine), with 10,000 small files queued to moto through a throttled proxy so that they progress for a
// while. It measures what the page lives through:
// - IPC batches per second: queue-batch events the page's WebSocket received (target ≤ 10/s), and the largest one;
// - main-thread long tasks over 50 ms: a PerformanceObserver('longtask') registered by an init script before the app
//   loads (target 0); a deliberate 80 ms task before the drop proves that the observer sees them;
// - the page's JS heap: CDP Performance.getMetrics JSHeapUsedSize, sampled every second (target ≤ 300 MB);
// - the time from the drop to the first painted row.
// The figures that the targets are about are taken in the progress window (all files queued, uploads running); the
// drop itself and "Cancel all" are measured as phases of their own and reported beside them. At the end everything is
// cancelled and the server must hold no incomplete upload and exactly the objects the queue says arrived.
//
// Runnable entry: run-ui-bench.ts (`node scripts/run-ts.mjs test/e2e/perf/run-ui-bench.ts`). Not part of npm test.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startFaultProxy } from '../../harness/fault-proxy';
import { makeTempDir } from '../../harness/fixtures';
import { startSession, waitUntil } from '../support/app';
import { launchChromium } from '../support/browser';
import { serverState } from '../support/s3';
import {
  checkLongTaskObserver,
  longTasks,
  mostInOneSecond,
  pageNow,
  PERF_INIT_SCRIPT,
  recordPage,
  tasksIn,
  type PageRecorder,
} from './page-probes';

const KiB = 1024;

export interface UiBenchOptions {
  /** moto (the proxy forwards there; the checks ask it directly). */
  s3Endpoint: string;
  /** A Chromium to use; default: one is launched and closed. */
  browser?: Browser;
  /** Files queued at once. Default 10,000. */
  files?: number;
  /** Size of each file. Default 1 KiB. */
  fileBytes?: number;
  /** Length of the progress window. Default 10 s. */
  seconds?: number;
  /** The proxy's limit on what the app sends (all connections together). Default 128 KiB/s. */
  throttleBytesPerSecond?: number;
  /** Scroll the queue with the mouse wheel during the window (a notch of 100 px every 50 ms), as a user looking
   *  through it would. Default true. */
  scroll?: boolean;
  /** Progress lines. Default: none. */
  log?: (line: string) => void;
  /** Writes a CPU profile of the page during one phase here (.cpuprofile, for Chromium's DevTools). */
  cpuProfile?: string;
  /** Writes a Chromium trace of one phase here (devtools.timeline: style, layout, paint, scripts), for DevTools. */
  trace?: string;
  /** The phase cpuProfile and trace cover: the drop, the progress window (default) or Cancel all. */
  profilePhase?: Phase;
  /** Another build of the renderer to measure (e.g. an older commit's out/renderer, to compare). Default out/renderer. */
  rendererDir?: string;
}

export type Phase = 'drop' | 'window' | 'cancel';

export interface PhaseFigures {
  ms: number;
  longTasks: number;
  longestTaskMs: number;
}

export interface UiBenchResult {
  files: number;
  fileBytes: number;
  /** The progress window as measured (≈ opts.seconds). */
  seconds: number;
  /** Queue batches the page received per second in the window (mean). */
  batchesPerSecond: number;
  /** The most batches received in one whole second of the window. */
  maxBatchesInASecond: number;
  /** The largest queue batch the page received in the whole run, in bytes (the one that brings the 10,000 new rows). */
  maxBatchBytes: number;
  /** The largest queue batch in the window, in bytes. */
  windowMaxBatchBytes: number;
  /** Main-thread long tasks (> 50 ms) in the window. */
  longTasks: number;
  longestTaskMs: number;
  /** Peak JSHeapUsedSize in the window, in MB (10^6 bytes). */
  heapMB: number;
  /** From the drop event to the first painted queue row. */
  firstPaintMs: number;
  /** From the drop event to all files being in the list (main's queue and the list's height). */
  allListedMs: number;
  /** Files whose upload finished during the window. */
  doneInWindow: number;
  /** The drop, from the drop event to all files listed. */
  add: PhaseFigures;
  /** "Cancel all", from the click until every row has settled. */
  cancel: PhaseFigures;
  /** After Cancel all: how the queue ended. */
  done: number;
  cancelled: number;
  /** Of the cancelled, those whose object had already arrived and was kept (the queue says so). */
  kept: number;
  /** What the proxy let through, bytes per second. */
  throttleBytesPerSecond: number;
  scrolled: boolean;
  chromium: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Scrolling during the window: one wheel notch (100 px) every 50 ms, about 2,000 px (24 rows) a second. */
const WHEEL_PX = 100;
const WHEEL_EVERY_MS = 50;

export async function uiBench(opts: UiBenchOptions): Promise<UiBenchResult> {
  const count = opts.files ?? 10_000;
  const fileBytes = opts.fileBytes ?? KiB;
  const seconds = opts.seconds ?? 10;
  const throttle = opts.throttleBytesPerSecond ?? 128 * KiB;
  const scroll = opts.scroll ?? true;
  const log = opts.log ?? (() => undefined);

  // ---- the files: real files on disk, as the engine reads them ----
  const dir = join(await makeTempDir('hoist-ui-bench-'), 'queue');
  await mkdir(dir);
  const files: Record<string, string> = {};
  const width = String(count).length;
  for (let i = 1; i <= count; i++) {
    const name = `file-${String(i).padStart(width, '0')}.dat`;
    const path = join(dir, name);
    await writeFile(path, Buffer.alloc(fileBytes, `${name} `));
    files[name] = path;
  }
  log(`${count} files of ${fileBytes} bytes in ${dir}`);

  const browser = opts.browser ?? (await launchChromium());
  const proxy = await startFaultProxy(opts.s3Endpoint);
  proxy.throttle(throttle);
  const session = await startSession({
    browser,
    s3Endpoint: opts.s3Endpoint,
    endpoint: proxy.endpoint,
    initScripts: [PERF_INIT_SCRIPT],
    bridge: opts.rendererDir ? { rendererDir: opts.rendererDir } : undefined,
  }).catch(async (error: unknown) => {
    await proxy.close();
    if (!opts.browser) await browser.close();
    throw error;
  });
  const { app, bridge, bucket } = session;
  const { page, t } = app;
  let recorder: PageRecorder | undefined;
  try {
    await checkLongTaskObserver(page);

    const profile = { cpuProfile: opts.cpuProfile, trace: opts.trace, phase: opts.profilePhase, log };
    recorder = await recordPage(browser, app.context, page, profile);
    const { batches, heapBytes, startProfiling, stopProfiling } = recorder;

    // ---- the drop: until every file is in main's queue and in the list ----
    await app.armPaintTimer(['[role="listitem"]']);
    await startProfiling('drop');
    const addFrom = await pageNow(page);
    await app.drop(files);
    const paint = await app.paintTimes();
    await waitUntil(() => bridge.engine.snapshot().length === count, {
      what: `${count} items in the engine's queue`,
      timeoutMs: 120_000,
    });
    const list = page.getByRole('list', { name: t('aria.queue') });
    // The virtualised list is as tall as all its rows: the height a row is given (its style, read from the page)
    // times the count. (A copy of QueueList's ROW_HEIGHT here went stale when the rows were made compact, and every
    // run timed out.)
    const allListed = () =>
      list.evaluate((el, n) => {
        type Box = { getBoundingClientRect(): { height: number }; querySelector(s: string): unknown };
        const row = (el as Box).querySelector('[role="listitem"]') as { style: { height: string } } | null;
        return !!row && Math.round((el as Box).getBoundingClientRect().height) === n * parseFloat(row.style.height);
      }, count);
    await waitUntil(allListed, {
      what: `${count} rows in the list`,
      timeoutMs: 120_000,
    });
    const addTo = await pageNow(page);
    await stopProfiling('drop');
    const allListedMs = addTo - addFrom;
    log(
      `all ${count} listed ${Math.round(allListedMs)} ms after the drop; first row painted after ${Math.round(paint['[role="listitem"]'] ?? -1)} ms`,
    );

    // ---- the progress window ----
    await list.hover();
    await startProfiling('window');
    const batchesAtStart = batches.length;
    const doneBefore = bridge.engine.totals().done;
    const windowFrom = await pageNow(page);
    const started = Date.now();
    let peakHeap = await heapBytes();
    let nextSample = started + 1_000;
    while (Date.now() - started < seconds * 1_000) {
      if (scroll) await page.mouse.wheel(0, WHEEL_PX);
      if (Date.now() >= nextSample) {
        nextSample += 1_000;
        peakHeap = Math.max(peakHeap, await heapBytes());
      }
      await sleep(WHEEL_EVERY_MS);
    }
    peakHeap = Math.max(peakHeap, await heapBytes());
    const windowTo = await pageNow(page);
    await stopProfiling('window');
    const windowSeconds = (Date.now() - started) / 1_000;
    const windowFrames = batches.slice(batchesAtStart);
    const doneInWindow = bridge.engine.totals().done - doneBefore;
    const windowTasks = tasksIn(await longTasks(page), windowFrom, windowTo);
    log(
      `window: ${windowFrames.length} batches in ${windowSeconds.toFixed(1)} s, ${doneInWindow} files done, ${windowTasks.longTasks} long tasks`,
    );

    // ---- Cancel all, until every row has settled ----
    await startProfiling('cancel');
    const cancelFrom = await pageNow(page);
    await page.getByRole('button', { name: t('action.cancelAll'), exact: true }).click();
    await waitUntil(() => bridge.engine.totals().active + bridge.engine.totals().queued === 0, {
      what: 'the queue to settle',
      timeoutMs: 120_000,
    });
    const settledTotals = bridge.engine.totals();
    // The page has caught up when its header shows the final counts.
    await waitUntil(
      async () =>
        (await page.locator('.header-counts').textContent())?.includes(
          t('counts.cancelled', { n: settledTotals.cancelled }),
        ),
      {
        what: 'the page to show the cancelled count',
        timeoutMs: 60_000,
      },
    );
    await sleep(500);
    const cancelTo = await pageNow(page);
    await stopProfiling('cancel');
    const allTasks = await longTasks(page);
    const addFigures = tasksIn(allTasks, addFrom, addTo);
    const cancelFigures = tasksIn(allTasks, cancelFrom, cancelTo);
    peakHeap = Math.max(peakHeap, await heapBytes());

    // ---- the server: no incomplete upload, and exactly the objects the queue says arrived ----
    const items = bridge.engine.snapshot();
    const done = items.filter((i) => i.state.kind === 'done');
    const cancelled = items.filter((i) => i.state.kind === 'cancelled');
    const kept = cancelled.filter((i) => i.state.kind === 'cancelled' && i.state.cleanup === 'object-kept');
    if (done.length + cancelled.length !== count)
      throw new Error(`after Cancel all: ${done.length} done + ${cancelled.length} cancelled ≠ ${count}`);
    const arrived = [...done, ...kept].map((i) => i.key).sort();
    const server = await serverState(opts.s3Endpoint, bucket);
    if (server.uploads.length > 0)
      throw new Error(`incomplete uploads left on the server: ${server.uploads.slice(0, 5).join(', ')}…`);
    if (JSON.stringify(server.objects) !== JSON.stringify(arrived)) {
      throw new Error(`the server holds ${server.objects.length} objects, the queue says ${arrived.length} arrived`);
    }
    const problems = [...app.problems, ...bridge.eventProblems];
    if (problems.length > 0) throw new Error(`errors in the page or the events: ${problems.slice(0, 3).join(' | ')}`);
    log(
      `after Cancel all: ${done.length} done, ${cancelled.length} cancelled (${kept.length} already stored); server: ${server.objects.length} objects, no incomplete upload`,
    );

    const bytes = (frames: { bytes: number }[]) => Math.max(0, ...frames.map((f) => f.bytes));
    return {
      files: count,
      fileBytes,
      seconds: Number(windowSeconds.toFixed(1)),
      batchesPerSecond: Number((windowFrames.length / windowSeconds).toFixed(1)),
      maxBatchesInASecond: mostInOneSecond(windowFrames.map((f) => f.at)),
      maxBatchBytes: bytes(batches),
      windowMaxBatchBytes: bytes(windowFrames),
      longTasks: windowTasks.longTasks,
      longestTaskMs: windowTasks.longestTaskMs,
      heapMB: Number((peakHeap / 1e6).toFixed(1)),
      firstPaintMs: Math.round(paint['[role="listitem"]'] ?? -1),
      allListedMs: Math.round(allListedMs),
      doneInWindow,
      add: addFigures,
      cancel: cancelFigures,
      done: done.length,
      cancelled: cancelled.length,
      kept: kept.length,
      throttleBytesPerSecond: throttle,
      scrolled: scroll,
      chromium: browser.version(),
    };
  } finally {
    await recorder?.detach().catch(() => undefined);
    await session.close();
    await proxy.close();
    if (!opts.browser) await browser.close();
  }
}
