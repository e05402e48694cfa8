// The E2E bridge: stands in for Electron's transport, and only for the transport.
//
// One HTTP server on 127.0.0.1 (random port) serves the built renderer (out/renderer, index.html byte for byte, CSP
// included) and, on the same origin, a WebSocket (WS_PATH). Behind the WebSocket run the REAL main-side services
// (createMainServices: handlers, sender check, payload validation, settings store, batching, add flow) and the REAL
// engine (createEngine), exactly as src/main/index.ts wires them, except for what needs Electron:
// - send: a WebSocket message to every connected page instead of webContents.send;
// - isTrustedSender: the production createSenderCheck, given the bridge's origin as the "dev server" origin; the
//   sender URL is the WebSocket's Origin header, which the browser sets and page script cannot forge;
// - secretBox: the in-memory fake (src/main/testing/fake-secret-box.ts), since safeStorage exists only in Electron;
// - settingsFile, the engine's stateDir and forbiddenRoots: in a temporary userData folder;
// - pickFiles: whatever the test set with setPickedFiles (Electron shows a dialog).
import { randomBytes } from 'node:crypto';
import { rm, mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { createEngine } from '../../../src/engine/index';
import type { EngineOptions, UploadEngineApi } from '../../../src/engine/types';
import { createSenderCheck, type SenderInfo } from '../../../src/main/ipc/sender-check';
import {
  appEngineOptions,
  createMainServices,
  mainPaths,
  type MainDeps,
  type MainServices,
} from '../../../src/main/services';
import { createFakeSecretBox } from '../../../src/main/testing/fake-secret-box';
import { eventSchemas, type CommandResult } from '../../../src/shared/ipc';
import { COMMAND, type CommandChannel, type EventChannel } from '../../../src/shared/ipc-channels';
import type { ProfileInput, SecretBackend } from '../../../src/shared/settings-schema';
import type { Target } from '../../../src/shared/target';
import { WS_PATH, type PageMessage, type ServerMessage } from './protocol';
import { serveStatic } from './static-files';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');

export interface BridgeOptions {
  /** The built renderer to serve. Default out/renderer. */
  rendererDir?: string;
  /** Options for the real engine, over the app's own (appEngineOptions: the journal in userData/state, no deadline for an unreachable endpoint). */
  engine?: EngineOptions;
  /** What the fake SecretBox reports. Default 'keychain'. */
  secretBackend?: SecretBackend;
  /** userData folder (settings.json). Default: a new temporary folder, removed by close(). */
  userDataDir?: string;
  /** Anything else for createMainServices (e.g. new deps a later feature adds); overrides the defaults above. */
  deps?: Partial<MainDeps>;
}

export interface CloseOptions {
  /** What happens to unfinished uploads. Default 'cancel'. */
  uploads?: 'cancel' | 'pause';
}

export interface Bridge {
  /** http://127.0.0.1:PORT/ — open this in the browser. */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly engine: UploadEngineApi;
  readonly services: MainServices;
  readonly userDataDir: string;
  /** Every message the server sent to pages, as the exact text of the frame. */
  readonly sentFrames: readonly string[];
  /** Events that did not match the contract's event schema (should stay empty). */
  readonly eventProblems: readonly string[];
  /** Pages connected now. */
  readonly connections: number;
  /**
   * Makes File objects with these names resolve to these absolute paths in the page (the stand-in for
   * webUtils.getPathForFile). Resolves once every connected page has them; pages that connect later get them first.
   */
  registerFiles(files: Record<string, string>): Promise<void>;
  /** What main's "Add files…" dialog returns next. */
  setPickedFiles(paths: string[]): void;
  /** Runs a command as the page would (same sender check and validation): handy for setting up a test. */
  invoke<C extends CommandChannel>(channel: C, payload: unknown): Promise<CommandResult<C>>;
  /** Saves a profile through the real handler and makes it the target; returns its id. */
  addProfile(profile: ProfileInput): Promise<string>;
  /**
   * Stops everything started here and closes sockets and servers. By default uploads are cancelled (verified
   * cleanup). `{ uploads: 'pause' }` quits as the app's "Pause and quit" does (services.stopUploads('pause')): the
   * multipart uploads and the journal stay, so a new bridge on the same userDataDir offers them as interrupted.
   */
  close(options?: CloseOptions): Promise<void>;
}

export async function startBridge(options: BridgeOptions = {}): Promise<Bridge> {
  const rendererDir = resolve(options.rendererDir ?? RENDERER_DIR);
  const ownUserData = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'hoist-e2e-userdata-')));

  const clients = new Set<WebSocket>();
  const sentFrames: string[] = [];
  const eventProblems: string[] = [];
  const files = new Map<string, string>();
  let filesSeq = 0;
  const acks = new Map<WebSocket, number>();
  const ackWaiters = new Set<() => void>();
  let picked: string[] = [];
  let origin = '';

  const sendTo = (socket: WebSocket, message: ServerMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    const text = JSON.stringify(message);
    sentFrames.push(text);
    socket.send(text);
  };

  const sendEvent = (channel: EventChannel, payload: unknown) => {
    const schema = (eventSchemas as Partial<Record<string, (typeof eventSchemas)[EventChannel]>>)[channel];
    const checked = schema?.safeParse(payload);
    if (!checked) eventProblems.push(`${channel}: no schema in the contract`);
    else if (!checked.success) eventProblems.push(`${channel}: ${checked.error.message}`);
    for (const socket of clients) sendTo(socket, { type: 'event', channel, payload });
  };

  // ---- HTTP: the built renderer, as files ----
  const http = createServer((req, res) => void serveStatic(rendererDir, req, res));
  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(0, '127.0.0.1', () => ok());
  });
  const address = http.address();
  if (!address || typeof address === 'string') throw new Error('bridge: no address');
  origin = `http://127.0.0.1:${address.port}`;

  // ---- main's services, with the real engine, wired as src/main/index.ts does ----
  // The same folders as main's (mainPaths: userData/settings.json, and the engine's journal in userData/state), so
  // a second bridge on the same userData finds the first one's interrupted uploads, as the app does after a restart.
  const paths = mainPaths(userDataDir);
  // The app's own engine policy (it waits out a lost network without a deadline); a scenario may change parts of it.
  // The engine is made before the services it reports a corrected region to.
  const late: { regionCorrected?: MainServices['regionCorrected'] } = {};
  const engine = createEngine({
    ...appEngineOptions(userDataDir),
    onRegionCorrected: (notice) => late.regionCorrected?.(notice),
    ...options.engine,
  });
  const services = await createMainServices({
    engine,
    // One existence check per batch of keys, as main passes it.
    existingKeys: (target: Target, keys: string[]) => engine.existingKeys(target, keys),
    settingsFile: paths.settingsFile,
    secretBox: createFakeSecretBox(options.secretBackend ?? 'keychain'),
    send: (channel, payload) => sendEvent(channel, payload),
    isTrustedSender: createSenderCheck({ devServerUrl: `${origin}/` }),
    pickFiles: async () => picked,
    forbiddenRoots: [userDataDir],
    ...options.deps,
  });
  late.regionCorrected = services.regionCorrected;
  const handlers = services.handlers as Record<string, (payload: unknown, sender: SenderInfo) => Promise<unknown>>;
  const bridgeSender: SenderInfo = { url: `${origin}/`, isMainFrame: true };

  // ---- WebSocket: the IPC ----
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  http.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', origin).pathname !== WS_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    // What Electron's senderFrame tells main: the frame's URL. The Origin header is the browser's, not the page's.
    // Our page has no frames, so a connection counts as the main frame; the sender check decides on the origin.
    const sender: SenderInfo = {
      url: typeof req.headers.origin === 'string' ? `${req.headers.origin}/` : null,
      isMainFrame: true,
    };
    clients.add(socket);
    if (files.size > 0) sendTo(socket, { type: 'files', seq: filesSeq, files: Object.fromEntries(files) });
    socket.on('close', () => {
      clients.delete(socket);
      acks.delete(socket);
      for (const wake of ackWaiters) wake();
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: PageMessage;
      try {
        message = JSON.parse(String(data)) as PageMessage;
      } catch {
        return;
      }
      if (message.type === 'files-ack') {
        acks.set(socket, message.seq);
        for (const wake of ackWaiters) wake();
        return;
      }
      if (message.type !== 'invoke' || typeof message.id !== 'number') return;
      const { id, channel } = message;
      const handler = Object.prototype.hasOwnProperty.call(handlers, channel) ? handlers[channel] : undefined;
      if (!handler) {
        sendTo(socket, { type: 'reply', id, ok: false, error: `unknown-command: ${String(channel)}` });
        return;
      }
      handler(message.payload, sender).then(
        (result) => sendTo(socket, { type: 'reply', id, ok: true, result }),
        (error: unknown) =>
          sendTo(socket, {
            type: 'reply',
            id,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
    });
  });

  const allAcked = (seq: number) => [...clients].every((c) => c.readyState !== c.OPEN || (acks.get(c) ?? 0) >= seq);

  return {
    url: `${origin}/`,
    origin,
    engine,
    services,
    userDataDir,
    sentFrames,
    eventProblems,
    get connections() {
      return clients.size;
    },

    async registerFiles(entries) {
      for (const [name, path] of Object.entries(entries)) files.set(name, path);
      const seq = ++filesSeq;
      for (const socket of clients) sendTo(socket, { type: 'files', seq, files: entries });
      if (allAcked(seq)) return;
      await new Promise<void>((ok, fail) => {
        const timer = setTimeout(() => {
          ackWaiters.delete(wake);
          fail(new Error('bridge: the page did not acknowledge the fixture files within 10 s'));
        }, 10_000);
        const wake = () => {
          if (!allAcked(seq)) return;
          clearTimeout(timer);
          ackWaiters.delete(wake);
          ok();
        };
        ackWaiters.add(wake);
      });
    },

    setPickedFiles(paths) {
      picked = [...paths];
    },

    async invoke(channel, payload) {
      return (await handlers[channel]!(payload, bridgeSender)) as CommandResult<typeof channel>;
    },

    async addProfile(profile) {
      const { id } = (await handlers[COMMAND.saveProfile]!(profile, bridgeSender)) as { id: string };
      await handlers[COMMAND.selectTarget]!(
        { profileId: id, bucket: profile.bucket, prefix: profile.defaultPrefix },
        bridgeSender,
      );
      return id;
    },

    async close(closeOptions = {}) {
      for (const socket of clients) socket.terminate();
      clients.clear();
      if (closeOptions.uploads === 'pause') {
        // As src/main/index.ts's quit guard with "Pause and quit": stopUploads('pause'), then release the sockets
        // without cancelling (close({ keepPaused }) keeps the multipart uploads and their journal entries).
        await services.stopUploads('pause').catch(() => undefined);
        await engine.close({ keepPaused: true }).catch(() => undefined);
      } else {
        services.addFlow.abortPending();
        services.conflicts.skipAll();
        await engine.cancelAll().catch(() => undefined);
        await engine.close().catch(() => undefined);
      }
      services.dispose();
      await new Promise<void>((ok) => wss.close(() => ok()));
      http.closeAllConnections();
      await new Promise<void>((ok) => http.close(() => ok()));
      if (ownUserData) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A token that is easy to search for in frames and the DOM (e.g. a secret that must never come back). */
export function marker(prefix: string): string {
  return `${prefix}${randomBytes(9).toString('hex')}`;
}
