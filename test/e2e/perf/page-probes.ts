// What the UI benchmark (ui-bench.ts) observes in the page, and how: the long-task observer (an init script, checked
// with a deliberate long task before it is trusted), and a CDP session for the queue batches the page's WebSocket
// receives, the JS heap, and an optional CPU profile and trace of one phase.
import { writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { EVENT } from '../../../src/shared/ipc-channels';
import { waitUntil } from '../support/app';
import type { Phase, PhaseFigures } from './ui-bench';

interface PagePerf {
  supported: boolean;
  error?: string;
  /** [startTime, duration] of every long task, page clock (performance.now()). */
  tasks: [number, number][];
}

/** Registered before the app's script (an init script), so no long task of the app's start is missed. */
export const PERF_INIT_SCRIPT = `(() => {
  if (globalThis.__hoistUiBench) return;
  const perf = { supported: false, tasks: [] };
  globalThis.__hoistUiBench = perf;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) perf.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    perf.supported = true;
  } catch (e) {
    perf.error = String(e);
  }
})();`;

const BATCH_PREFIX = `{"type":"event","channel":${JSON.stringify(EVENT.queueBatch)}`;

const perf = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __hoistUiBench: PagePerf }).__hoistUiBench);

/** Every long task the page has had so far: [startTime, duration], page clock. */
export const longTasks = async (page: Page): Promise<[number, number][]> => (await perf(page)).tasks;

/** The page's clock (performance.now()), which long tasks are timed on. */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** The long tasks that started in [from, to) of the page clock, and that span. */
export function tasksIn(all: [number, number][], from: number, to: number): PhaseFigures {
  const inside = all.filter(([start]) => start >= from && start < to);
  return {
    ms: Math.round(to - from),
    longTasks: inside.length,
    longestTaskMs: Math.round(Math.max(0, ...inside.map(([, d]) => d))),
  };
}

/** The most timestamps (ms) that fall in any one second, [t, t + 1000). */
export function mostInOneSecond(times: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1_000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Throws unless PERF_INIT_SCRIPT's observer reports long tasks in this page. */
export async function checkLongTaskObserver(page: Page): Promise<void> {
  // The observer must work, or "0 long tasks" would mean nothing: a deliberate 80 ms task has to show up. It runs
  // from a timer, as the app's own work does (a task run by CDP's Runtime.evaluate is not reported).
  const calibration = await page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        setTimeout(() => {
          const start = performance.now();
          while (performance.now() - start < 80) {
            // busy
          }
          resolve(start);
        }, 0),
      ),
  );
  await waitUntil(
    async () =>
      (await perf(page)).tasks.some(
        ([start, duration]) => start <= calibration + 1 && start + duration >= calibration + 79,
      ),
    {
      what: 'the long-task observer to report a deliberate 80 ms task',
      timeoutMs: 5_000,
    },
  ).catch(async () => {
    const p = await perf(page);
    throw new Error(
      `the PerformanceObserver('longtask') does not report long tasks here (${p.error ?? 'no entry for an 80 ms task'})`,
    );
  });
}

export interface ProfileOptions {
  /** Writes a CPU profile of the page during `phase` here (.cpuprofile). */
  cpuProfile?: string;
  /** Writes a Chromium trace of `phase` here (devtools.timeline). */
  trace?: string;
  /** The phase cpuProfile and trace cover. Default the progress window. */
  phase?: Phase;
  log: (line: string) => void;
}

/** The page as seen through CDP, from recordPage() on. */
export interface PageRecorder {
  /** Queue batches as the page's WebSocket received them: the browser's receive time (ms) and the frame's size. */
  readonly batches: { at: number; bytes: number }[];
  /** The page's JSHeapUsedSize now, in bytes. */
  heapBytes(): Promise<number>;
  /** Start and stop the CPU profile and trace asked for; calls for any other phase do nothing. */
  startProfiling(phase: Phase): Promise<void>;
  stopProfiling(phase: Phase): Promise<void>;
  detach(): Promise<void>;
}

export async function recordPage(
  browser: Browser,
  context: BrowserContext,
  page: Page,
  profile: ProfileOptions,
): Promise<PageRecorder> {
  const { log } = profile;
  const cdp: CDPSession = await context.newCDPSession(page);
  const batches: { at: number; bytes: number }[] = [];
  try {
    await cdp.send('Performance.enable');
    await cdp.send('Network.enable');
  } catch (error) {
    await cdp.detach().catch(() => undefined);
    throw error;
  }
  cdp.on('Network.webSocketFrameReceived', (event) => {
    const text = event.response.payloadData;
    if (text.startsWith(BATCH_PREFIX)) batches.push({ at: event.timestamp * 1_000, bytes: Buffer.byteLength(text) });
  });
  const profiled = profile.phase ?? 'window';
  return {
    batches,
    async heapBytes() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    },
    async startProfiling(phase) {
      if (phase !== profiled) return;
      if (profile.trace)
        await browser.startTracing(page, {
          path: profile.trace,
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
        });
      if (profile.cpuProfile) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
    },
    async stopProfiling(phase) {
      if (phase !== profiled) return;
      if (profile.trace) {
        await browser.stopTracing();
        log(`trace of the ${phase} phase: ${profile.trace}`);
      }
      if (profile.cpuProfile) {
        const { profile: cpuProfile } = await cdp.send('Profiler.stop');
        await writeFile(profile.cpuProfile, JSON.stringify(cpuProfile));
        log(`CPU profile of the ${phase} phase: ${profile.cpuProfile}`);
      }
    },
    detach: () => cdp.detach(),
  };
}
