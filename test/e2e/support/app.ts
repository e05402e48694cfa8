// The app in a browser tab, on a bridge: what every scenario starts from, and the helpers they share.
//
// A scenario typically does:
//   const bridge = await startBridge();
//   await bridge.addProfile(profileFor(proxy.endpoint, bucket));
//   const app = await openApp(browser, bridge);
//   await app.drop({ 'a.bin': pathA });
//   await expect(app.rowState('a.bin')).toHaveText(app.t('state.done'));
//   await app.screenshot('something.png');
//   await app.close(); await bridge.close();
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { resolveLanguage, translator, type Language, type Translate } from '../../../src/shared/i18n';
import type { ProfileInput } from '../../../src/shared/settings-schema';
import { testServerProfileInput } from '../../../src/main/testing/test-profile';
import { ORIGIN_GLOBAL } from '../bridge/protocol';
import { pageScript } from '../bridge/bundle';
import { REPO_ROOT, startBridge, type Bridge, type BridgeOptions, type CloseOptions } from '../bridge/server';
import { createBucket } from '../../harness/s3-check';
import type { OverflowReport } from './page-overflow';
import type { Probe, RowHistory } from './page-probe';
import { ROW_DEST, ROW_STATE } from './selectors';

export const SCREENS_DIR = join(REPO_ROOT, 'test-results', 'screens');

export interface OpenOptions {
  /** navigator.language; the app's "system" language follows it. Default en-US. */
  locale?: string;
  /** Default 'light' (the screenshots are light theme). */
  colorScheme?: 'light' | 'dark';
  /** Default 1040×720, the Electron window's size. */
  viewport?: { width: number; height: number };
  /** More init scripts, run after the bridge's preload and the probe and before the app's own script (e.g. the UI
   *  benchmark's PerformanceObserver, which must be registered before the app loads). */
  initScripts?: string[];
}

export interface AppPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly language: Language;
  /** The app's own dictionary in the page's language, so selectors follow the UI text. */
  readonly t: Translate;
  /** Text of every WebSocket frame the page received / sent, in order. */
  readonly framesReceived: readonly string[];
  readonly framesSent: readonly string[];
  /** Uncaught page errors and console errors (CSP violations land here). */
  readonly problems: readonly string[];
  /** Registers the files with the bridge, then dispatches dragenter, dragover and drop with a DataTransfer of Files. */
  drop(files: Record<string, string>): Promise<void>;
  /** A queue row, by its accessible name (the file name). */
  row(name: string): Locator;
  rowState(name: string): Locator;
  /** The row's destination, bucket/key. */
  rowDest(name: string): Locator;
  progress(name: string): Locator;
  /**
   * Clicks a queue-wide action by its name: its button, or, when the window is too narrow for the header's buttons,
   * the same item in the header's "⋯" menu.
   */
  action(name: string): Promise<void>;
  /** What reaches past the window's right edge, and how wide the document is (page-overflow.ts). */
  overflow(): Promise<OverflowReport>;
  /** Starts the in-page recorder of every row's progress and state text. */
  watchRows(): Promise<void>;
  rowHistory(): Promise<Record<string, RowHistory>>;
  /** The page's markup plus the live values of its inputs. */
  allText(): Promise<string>;
  /** Arms in-page timers for the next drop: per selector, ms from the drop event to the first paint showing it. */
  armPaintTimer(selectors: string[]): Promise<void>;
  paintTimes(): Promise<Record<string, number>>;
  /** Saves test-results/screens/<name> and returns the path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

type ProbeGlobal = { __hoistE2E: Probe };

export async function openApp(browser: Browser, bridge: Bridge, options: OpenOptions = {}): Promise<AppPage> {
  const locale = options.locale ?? 'en-US';
  const language = resolveLanguage('system', locale);
  const context = await browser.newContext({
    locale,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1040, height: 720 },
    deviceScaleFactor: 1,
    serviceWorkers: 'block',
  });
  // Before the app's script: the bridge's origin, the bridge's preload (window.hoist), the test probe.
  await context.addInitScript({ content: `globalThis.${ORIGIN_GLOBAL} = ${JSON.stringify(bridge.origin)};` });
  await context.addInitScript({ content: await pageScript('preload') });
  await context.addInitScript({ content: await pageScript('probe') });
  for (const content of options.initScripts ?? []) await context.addInitScript({ content });

  const page = await context.newPage();
  const framesReceived: string[] = [];
  const framesSent: string[] = [];
  const problems: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => framesReceived.push(String(frame.payload)));
    ws.on('framesent', (frame) => framesSent.push(String(frame.payload)));
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });

  await page.goto(bridge.url);
  // The app is up once the settings arrived: the header, then the welcome, the settings or the queue.
  await page.locator('main.content > :not(.loading)').first().waitFor({ timeout: 15_000 });

  const t = translator(language);
  const row = (name: string) => page.getByRole('listitem', { name, exact: true });

  return {
    page,
    context,
    language,
    t,
    framesReceived,
    framesSent,
    problems,

    async drop(files) {
      // A dropped File's name is its path's last segment; the row (and the key) will show that name.
      for (const [name, path] of Object.entries(files)) {
        if (basename(path) !== name) throw new Error(`drop: the File name ${name} must be the basename of ${path}`);
      }
      await bridge.registerFiles(files);
      const names = Object.keys(files);
      const transfer = await page.evaluateHandle(
        (list) => (globalThis as unknown as ProbeGlobal).__hoistE2E.dataTransfer(list),
        names,
      );
      const zone = page.locator('main.content');
      for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer: transfer });
      await transfer.dispose();
    },

    row,
    rowState: (name) => row(name).locator(ROW_STATE),
    rowDest: (name) => row(name).locator(ROW_DEST),
    progress: (name) => row(name).getByRole('progressbar'),

    async action(name) {
      const button = page.getByRole('button', { name, exact: true });
      if (await button.isVisible()) {
        await button.click();
        return;
      }
      await page.locator('header button[aria-haspopup="menu"]:visible').first().click();
      // A toggle (Settings, open or not) is a menuitemcheckbox; the others are menuitems.
      const item = page.getByRole('menuitem', { name, exact: true });
      await item.or(page.getByRole('menuitemcheckbox', { name, exact: true })).click();
    },

    overflow: () => page.evaluate(() => (globalThis as unknown as ProbeGlobal).__hoistE2E.overflow()),

    async watchRows() {
      await page.evaluate(() => (globalThis as unknown as ProbeGlobal).__hoistE2E.watchRows());
    },

    rowHistory: () => page.evaluate(() => (globalThis as unknown as ProbeGlobal).__hoistE2E.rowHistory()),

    allText: () => page.evaluate(() => (globalThis as unknown as ProbeGlobal).__hoistE2E.allText()),

    async armPaintTimer(selectors) {
      await page.evaluate((list) => (globalThis as unknown as ProbeGlobal).__hoistE2E.armPaintTimer(list), selectors);
    },

    paintTimes: () => page.evaluate(() => (globalThis as unknown as ProbeGlobal).__hoistE2E.paintTimes()),

    async screenshot(name) {
      await mkdir(SCREENS_DIR, { recursive: true });
      const path = join(SCREENS_DIR, name);
      await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
      return path;
    },

    async close() {
      await context.close();
    },
  };
}

/**
 * A bucket name a reader of the screenshots takes for a real one ("family-photos-k3x9q"), still unique in the run: the
 * servers live for the whole run, and createBucket quietly reuses a bucket that exists. Five random base-36
 * characters make a clash between the run's few dozen buckets about one in a million.
 */
export function friendlyBucket(name = 'family-photos'): string {
  const suffix = [...randomBytes(5)].map((b) => (b % 36).toString(36)).join('');
  return `${name}-${suffix}`;
}

/**
 * A profile for the moto server (or the fault proxy in front of it): path-style, any keys. Named as a user would name
 * one, since the screenshots in the README show it.
 */
export function profileFor(endpointUrl: string, bucket: string, overrides: Partial<ProfileInput> = {}): ProfileInput {
  return testServerProfileInput(endpointUrl, bucket, { name: 'Photos', ...overrides });
}

/** Polls check() until it returns a truthy value; fails with describe()'s text after timeoutMs. */
export async function waitUntil<T>(
  check: () => Promise<T> | T,
  {
    timeoutMs = 30_000,
    intervalMs = 50,
    what = 'condition',
  }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Expects a sequence of numbers never to go down. */
export function isNonDecreasing(values: number[]): boolean {
  return values.every((v, i) => i === 0 || v >= values[i - 1]!);
}

export interface Session {
  bridge: Bridge;
  app: AppPage;
  bucket: string;
  /** Asserts the page had no errors (CSP violations included) and main sent only events the contract describes. */
  expectClean(): void;
  /** Closes the page and the bridge (options: see Bridge.close, e.g. { uploads: 'pause' }); safe to call twice. */
  close(options?: CloseOptions): Promise<void>;
}

export interface SessionOptions extends OpenOptions {
  browser: Browser;
  /** moto, for the checks and for creating the bucket. */
  s3Endpoint: string;
  /** Where the profile points: moto itself or a fault proxy in front of it. Default s3Endpoint. */
  endpoint?: string;
  /** Profile fields to change (e.g. a bucket that does not exist). */
  profile?: Partial<ProfileInput>;
  /** Don't create the bucket (for the missing-bucket scenario). Default true. */
  createBucket?: boolean;
  /**
   * The bucket's name. Default: a new unique one, friendlyBucket() (e.g. pass the first session's to reopen it on the
   * same userData).
   */
  bucket?: string;
  /** No profile at all: the first-run welcome. */
  noProfile?: boolean;
  bridge?: BridgeOptions;
}

/** A fresh bucket, a fresh bridge (own userData) with one profile for it, and the app open in a fresh context. */
export async function startSession(options: SessionOptions): Promise<Session> {
  const bucket = options.bucket ?? friendlyBucket();
  if (options.createBucket !== false) await createBucket(options.s3Endpoint, bucket);
  const bridge = await startBridge(options.bridge);
  let app: AppPage | undefined;
  try {
    if (!options.noProfile)
      await bridge.addProfile(profileFor(options.endpoint ?? options.s3Endpoint, bucket, options.profile));
    app = await openApp(options.browser, bridge, options);
  } catch (error) {
    await bridge.close();
    throw error;
  }
  const opened = app;
  let closed = false;
  return {
    bridge,
    app: opened,
    bucket,
    expectClean() {
      expect(opened.problems, 'errors in the page').toEqual([]);
      expect(bridge.eventProblems, 'events that break the contract').toEqual([]);
    },
    async close(closeOptions) {
      if (closed) return;
      closed = true;
      await opened.close().catch(() => undefined);
      await bridge.close(closeOptions);
    },
  };
}
