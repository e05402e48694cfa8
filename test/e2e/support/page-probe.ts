// Test instrumentation that runs inside the page (bundled by ../bridge/bundle.ts and added as an init script next to
// the bridge's preload). It only observes the DOM and builds DataTransfers; it never talks to the app's store.
// Tests reach it as globalThis.__hoistE2E from page.evaluate (see app.ts).
//
// Like page-preload.ts, this runs in the browser but is type-checked by tsconfig.node.json (no DOM library), so the
// DOM it uses is typed locally.

import { overflowReport, type OverflowReport } from './page-overflow';
import { ROW_STATE } from './selectors';

interface El {
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  readonly textContent: string | null;
}

interface PageGlobals {
  document: {
    readonly documentElement: El & { readonly outerHTML: string };
    querySelectorAll(selector: string): ArrayLike<El>;
    addEventListener(
      type: string,
      listener: (event: { timeStamp: number }) => void,
      options: { capture: boolean; once: boolean },
    ): void;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, unknown>): void;
    disconnect(): void;
  };
  DataTransfer: new () => { items: { add(file: unknown): unknown } };
  File: new (parts: string[], name: string, options?: { type?: string; lastModified?: number }) => unknown;
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  performance: { now(): number };
  __hoistE2E?: Probe;
}

/** Per row (by its accessible name, the file name): every distinct value seen, in order. */
export interface RowHistory {
  /** The percent shown (aria-valuenow): what the server confirmed. */
  progress: number[];
  /** The bar's lighter part (data-sent): confirmed plus bytes in flight. */
  sent: number[];
  states: string[];
}

export interface Probe {
  /** A DataTransfer holding one File per name (contents don't matter: the bridge maps names to fixture files). */
  dataTransfer(names: string[]): unknown;
  /** Starts recording every row's aria-valuenow and state text, as each DOM change is committed. */
  watchRows(): void;
  rowHistory(): Record<string, RowHistory>;
  /** Arms timers: for each selector, ms from the next drop event to the first paint showing a match. */
  armPaintTimer(selectors: string[]): void;
  /** Resolves once every armed selector has been painted. */
  paintTimes(): Promise<Record<string, number>>;
  /** Every text the page holds: the markup, plus the live values of inputs (not in the markup). */
  allText(): string;
  /** What reaches past the window's right edge (see page-overflow.ts). */
  overflow(): OverflowReport;
}

const page = globalThis as unknown as PageGlobals;

function createProbe(): Probe {
  const history: Record<string, RowHistory> = {};
  let observer: { disconnect(): void } | null = null;
  let paintTimes: Promise<Record<string, number>> | null = null;

  const scanRows = () => {
    const rows = page.document.querySelectorAll('[role="listitem"]');
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const name = row.getAttribute('aria-label');
      if (!name) continue;
      const entry = (history[name] ??= { progress: [], sent: [], states: [] });
      const bar = row.querySelector('[role="progressbar"]');
      const value = Number(bar?.getAttribute('aria-valuenow') ?? NaN);
      if (!Number.isNaN(value) && entry.progress[entry.progress.length - 1] !== value) entry.progress.push(value);
      const sent = Number(bar?.getAttribute('data-sent') ?? NaN);
      if (!Number.isNaN(sent) && entry.sent[entry.sent.length - 1] !== sent) entry.sent.push(sent);
      const state = (row.querySelector(ROW_STATE)?.textContent ?? '').trim();
      if (state && entry.states[entry.states.length - 1] !== state) entry.states.push(state);
    }
  };

  return {
    dataTransfer(names) {
      const transfer = new page.DataTransfer();
      for (const name of names) transfer.items.add(new page.File([''], name, { type: 'application/octet-stream' }));
      return transfer;
    },

    watchRows() {
      observer?.disconnect();
      const watcher = new page.MutationObserver(scanRows);
      watcher.observe(page.document.documentElement, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['aria-valuenow', 'data-sent', 'aria-label'],
      });
      observer = watcher;
      scanRows();
    },

    rowHistory() {
      scanRows();
      return JSON.parse(JSON.stringify(history)) as Record<string, RowHistory>;
    },

    armPaintTimer(selectors) {
      const painted = new Promise<Record<string, number>>((resolve) => {
        page.document.addEventListener(
          'drop',
          (event) => {
            const droppedAt = event.timeStamp;
            const times: Record<string, number> = {};
            const check = () => {
              for (const selector of selectors) {
                if (selector in times || page.document.querySelectorAll(selector).length === 0) continue;
                times[selector] = -1;
                // The frame after the commit that added it: it is on screen.
                page.requestAnimationFrame(() =>
                  page.requestAnimationFrame(() => {
                    times[selector] = page.performance.now() - droppedAt;
                    if (selectors.every((s) => (times[s] ?? -1) >= 0)) resolve(times);
                  }),
                );
              }
              if (selectors.every((s) => s in times)) watcher.disconnect();
            };
            const watcher = new page.MutationObserver(check);
            watcher.observe(page.document.documentElement, { subtree: true, childList: true });
            check();
            // Never hang the test: after a minute, report what was seen (a selector never painted is absent).
            page.setTimeout(() => {
              watcher.disconnect();
              resolve(Object.fromEntries(Object.entries(times).filter(([, ms]) => ms >= 0)));
            }, 60_000);
          },
          { capture: true, once: true },
        );
      });
      paintTimes = painted;
    },

    paintTimes() {
      if (!paintTimes) return Promise.reject(new Error('armPaintTimer() was not called'));
      return paintTimes;
    },

    allText() {
      const values: string[] = [];
      const fields = page.document.querySelectorAll('input, textarea, select') as ArrayLike<El & { value?: string }>;
      for (let i = 0; i < fields.length; i++) values.push(String(fields[i]!.value ?? ''));
      return `${page.document.documentElement.outerHTML}\n${values.join('\n')}`;
    },

    overflow() {
      return overflowReport(globalThis as unknown as Parameters<typeof overflowReport>[0]);
    },
  };
}

page.__hoistE2E ??= createProbe();
