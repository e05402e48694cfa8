// The real preload (src/preload/index.ts) and the real register.ts, joined by an in-memory fake of Electron's IPC.
// Why: the only other test that goes through both is the real-Electron smoke test, and CI has no Electron binary, so
// it is always skipped there. Here `electron` is replaced by a small fake (ipcMain, ipcRenderer, contextBridge,
// webUtils) and main's services are built as src/main/index.ts builds them (fake engine, settings in a temp dir), so
// CI still sees the page's window.hoist reach main's handlers, main's events reach the page, and refusals come back.
// The fake copies what Electron does that matters here: payloads and answers are structured-cloned, a handler's error
// reaches the page as "Error invoking remote method '<channel>': <error>", a second handler for a channel throws, and
// the page gets a copy of what the preload exposed. It never calls require('electron').
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AddSummary, Notice, QueueBatch, QueueSnapshot } from '../../shared/ipc';
import { COMMAND, COMMAND_CHANNELS, EVENT } from '../../shared/ipc-channels';
import { type ProfileInput, type SettingsView, type TargetChoice } from '../../shared/settings-schema';
import { APP_PAGE_URL } from '../desktop/app-protocol';
import { createMainServices, type MainServices } from '../services';
import { createFakeEngine, type FakeEngine } from '../testing/fake-engine';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { registerHandlers } from './register';
import { createSenderCheck } from './sender-check';
import { testProfileInput } from '../testing/test-profile';

type Fn = (...args: unknown[]) => unknown;
type Frame = { url: string; parent: unknown } | null;

const fake = vi.hoisted(() => {
  const handlers = new Map<string, Fn>();
  const listeners = new Map<string, Set<Fn>>();
  const exposed = new Map<string, Record<string, unknown>>();
  const windowListeners: { type: string; listener: Fn; capture: unknown }[] = [];
  /** The frame main's handlers see as event.senderFrame; each test starts with the app's page. */
  const state = { frame: null as Frame };
  class FakeFile {
    constructor(
      readonly name: string,
      readonly path: string,
    ) {}
  }
  const ipcMain = {
    handle(channel: string, handler: Fn) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]) {
      const payload = structuredClone(args);
      try {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return structuredClone(await handler({ senderFrame: state.frame }, ...payload));
      } catch (error) {
        // Main sends error.toString() across; the renderer wraps it (what the preload's cleanRemoteError undoes).
        throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
      }
    },
    on(channel: string, listener: Fn) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Fn) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(name: string, api: Record<string, unknown>) {
      const page = (globalThis as unknown as { window: Record<string, unknown> }).window;
      if (name in page) throw new Error('Cannot bind an API on top of an existing property on the window object');
      exposed.set(name, api);
      // The page gets a frozen copy: functions become proxies into the isolated world, other values are cloned.
      const copy = Object.entries(api).map(([key, v]) => [
        key,
        typeof v === 'function' ? (...a: unknown[]) => v(...a) : structuredClone(v),
      ]);
      page[name] = Object.freeze(Object.fromEntries(copy));
    },
  };
  const webUtils = {
    getPathForFile(file: unknown) {
      if (!(file instanceof FakeFile)) throw new TypeError("parameter 'file' must be a File");
      return file.path;
    },
  };
  /** What webContents.send does: every ipcRenderer listener of the channel gets (event, cloned payload). */
  const sendToRenderer = (channel: string, payload: unknown) =>
    listeners.get(channel)?.forEach((listener) => listener({ sender: ipcRenderer }, structuredClone(payload)));
  const window = {
    addEventListener: (type: string, listener: Fn, capture?: unknown) =>
      void windowListeners.push({ type, listener, capture }),
  };
  return {
    handlers,
    listeners,
    exposed,
    windowListeners,
    state,
    FakeFile,
    sendToRenderer,
    window,
    electron: { ipcMain, ipcRenderer, contextBridge, webUtils },
  };
});
vi.mock('electron', () => fake.electron);

/** The part of window.hoist used here (the node project has no DOM types, so src/preload stays out of it). */
interface Page {
  getSettings(): Promise<SettingsView>;
  saveProfile(profile: ProfileInput): Promise<{ id: string; settings: SettingsView }>;
  cancelAll(): Promise<void>;
  snapshot(): Promise<QueueSnapshot>;
  addDropped(files: unknown[], target: TargetChoice): Promise<AddSummary>;
  onQueueBatch(listener: (batch: QueueBatch) => void): () => void;
  onNotice(listener: (notice: Notice) => void): () => void;
}
const globals = globalThis as unknown as { window?: typeof fake.window & { hoist?: Page } };
const PRELOAD = '../../preload/index'; // a variable, so that tsc does not pull the DOM-typed preload into this project
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const profile: ProfileInput = testProfileInput({ defaultPrefix: 'inbox/', secret: SECRET });

let page: Page;
let dir: string;
let engine: FakeEngine;
let services: MainServices;
let unregister: () => void;

beforeAll(async () => {
  globals.window = fake.window;
  await import(/* @vite-ignore */ PRELOAD);
  page = globals.window.hoist!;
});
afterAll(() => {
  delete globals.window;
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-wiring-'));
  engine = createFakeEngine();
  const userData = join(dir, 'userData');
  // As src/main/index.ts wires them, with the fake engine and secret box in place of the real ones.
  services = await createMainServices({
    engine,
    existingKeys: (target, keys) => engine.existingKeys(target, keys),
    settingsFile: join(userData, 'settings.json'),
    secretBox: createFakeSecretBox('keychain'),
    send: (channel, payload) => fake.sendToRenderer(channel, payload),
    isTrustedSender: createSenderCheck({ rendererUrl: APP_PAGE_URL }),
    pickFiles: async () => [],
    forbiddenRoots: [userData],
    batchIntervalMs: 60_000, // batches go out only when snapshot() flushes them
  });
  unregister = registerHandlers(services.handlers);
  fake.state.frame = { url: APP_PAGE_URL, parent: null };
});
afterEach(async () => {
  unregister();
  services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('the preload', () => {
  it('exposes one API object of functions as window.hoist, and listens for drops in the capture phase', () => {
    expect([...fake.exposed.keys()]).toEqual(['hoist']);
    const api = fake.exposed.get('hoist')!;
    expect(Object.values(api).filter((v) => typeof v !== 'function')).toEqual([]);
    expect(Object.values(api)).not.toContain(fake.electron.ipcRenderer);
    expect(Object.keys(page).sort()).toEqual(Object.keys(api).sort());
    expect(fake.windowListeners.map(({ type, capture }) => ({ type, capture }))).toEqual([
      { type: 'drop', capture: true },
    ]);
  });
});

describe('register.ts', () => {
  it('handles every command channel, and its disposer removes every handler', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...COMMAND_CHANNELS].sort());
    unregister();
    expect([...fake.handlers.keys()]).toEqual([]);
    await expect(page.getSettings()).rejects.toThrow(`No handler registered for '${COMMAND.getSettings}'`);
    // Electron refuses a second handler for a channel, so registering again proves the first ones are gone.
    unregister = registerHandlers(services.handlers);
    await expect(page.getSettings()).resolves.toMatchObject({ profiles: [] });
  });
});

describe('round trips through window.hoist', () => {
  it('saves a profile and reads it back, never with the secret', async () => {
    expect((await page.getSettings()).profiles).toEqual([]);
    const saved = await page.saveProfile(profile);
    expect(saved.settings.profiles).toMatchObject([{ id: saved.id, name: 'Local', secretSet: true }]);
    const view = await page.getSettings();
    expect(view.profiles).toMatchObject([{ id: saved.id, name: 'Local', bucket: 'photos', secretSet: true }]);
    expect(view.profiles[0]).not.toHaveProperty('secret');
    expect(JSON.stringify([saved, view])).not.toContain(SECRET);
  });

  it('cancelAll reaches the engine', async () => {
    await page.cancelAll();
    expect(engine.callsTo('cancelAll')).toHaveLength(1);
  });

  it('refuses a bad payload sent on the raw ipcRenderer with the contract error, acting on nothing', async () => {
    const { ipcRenderer } = fake.electron;
    await expect(ipcRenderer.invoke(COMMAND.cancelAll, { all: true })).rejects.toThrow(
      `Error invoking remote method '${COMMAND.cancelAll}': IpcError: bad-payload: ${COMMAND.cancelAll} refused`,
    );
    await expect(ipcRenderer.invoke(COMMAND.cancel, { id: 42 })).rejects.toThrow(
      /IpcError: bad-payload: queue:cancel refused/,
    );
    expect(engine.calls).toEqual([]);
  });

  it.each<[string, Frame]>([
    ['another site', { url: 'https://evil.example/', parent: null }],
    ["the app's page inside a frame", { url: APP_PAGE_URL, parent: { url: 'https://evil.example/' } }],
    ['a frame that is gone', null],
  ])('refuses a sender that is %s (forbidden-sender)', async (_name, frame) => {
    fake.state.frame = frame;
    await expect(page.cancelAll()).rejects.toThrow(/^forbidden-sender: queue:cancelAll refused/);
    expect(engine.callsTo('cancelAll')).toEqual([]);
    fake.state.frame = { url: APP_PAGE_URL, parent: null };
    await page.cancelAll();
    expect(engine.callsTo('cancelAll')).toHaveLength(1);
  });
});

describe('events and drops', () => {
  it("main's notices reach onNotice until it unsubscribes", () => {
    const seen: Notice[] = [];
    const off = page.onNotice((notice) => seen.push(notice));
    services.notices.add('add-rejected', 'warning', { count: '1' });
    expect(seen).toMatchObject([{ kind: 'add-rejected', level: 'warning', params: { count: '1' } }]);
    off();
    expect(fake.listeners.get(EVENT.notice)?.size).toBe(0);
    services.notices.add('add-rejected', 'warning', { count: '2' });
    expect(seen).toHaveLength(1);
  });

  it('a dropped file is added by its path, and its queue batch reaches onQueueBatch until it unsubscribes', async () => {
    await mkdir(join(dir, 'files'));
    const [dropped, notDropped] = [join(dir, 'files', 'a.txt'), join(dir, 'files', 'b.txt')];
    await Promise.all([writeFile(dropped, 'a'), writeFile(notDropped, 'b')]);
    const { id } = await page.saveProfile(profile);
    const target = { profileId: id, bucket: 'photos', prefix: 'inbox/' };
    const batches: QueueBatch[] = [];
    const off = page.onQueueBatch((batch) => batches.push(batch));

    // Only paths of a trusted drop seen by the preload's capture listener may be added.
    const file = new fake.FakeFile('a.txt', dropped);
    await expect(page.addDropped([new fake.FakeFile('b.txt', notDropped)], target)).rejects.toThrow(/NotLocalFile/);
    fake.windowListeners[0]!.listener({ isTrusted: true, dataTransfer: { files: [file] } });
    await expect(page.addDropped([file], target)).resolves.toMatchObject({ added: 1 });
    expect(engine.callsTo('add').map(([paths]) => paths)).toEqual([[dropped]]);

    await page.snapshot(); // flushes the pending batch
    expect(batches.flatMap((b) => b.changed.map((item) => item.key))).toEqual(['inbox/a.txt']);
    off();
    expect(fake.listeners.get(EVENT.queueBatch)?.size).toBe(0);
    engine.remove(batches[0]!.changed[0]!.id);
    const after = await page.snapshot();
    expect(after.seq).toBe(batches.at(-1)!.seq + 1); // a batch was sent, and the listener did not get it
    expect(batches).toHaveLength(1);
  });
});
