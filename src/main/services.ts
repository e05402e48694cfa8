// Everything main does that is not Electron glue, wired together: settings, notices, the queue batcher, the add flow
// with conflict questions, and the command handlers. The Electron entry (index.ts) and the E2E bridge both call
// createMainServices and differ only in the transport, the SecretBox and the file dialog they pass in.
import type { UploadEngineApi } from '../engine/types';
import { EVENT, type EventChannel } from '../shared/ipc-channels';
import type { EventPayload, QueueBatch } from '../shared/ipc';
import { createHandlers, type HandlerMap } from './ipc/handlers';
import type { SenderCheck } from './ipc/sender-check';
import { createNoticeCenter, type NoticeCenter } from './notices';
import { createAddFlow, type AddFlow, type KeyExists } from './queue/add-flow';
import { createQueueBatcher, type QueueBatcher } from './queue/batcher';
import { createConflictAsker, type ConflictAsker } from './queue/conflict-asker';
import type { SecretBox } from './settings/secret-box';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';

export type SendEvent = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

export interface MainDeps {
  engine: UploadEngineApi;
  /** HEAD on the destination key (the engine provides it). Without it, existing keys are overwritten silently. */
  keyExists?: KeyExists;
  /** settings.json in the app's userData folder. */
  settingsFile: string;
  secretBox: SecretBox;
  /** Sends an event to the renderer (webContents.send in Electron, a WebSocket message in the E2E bridge). */
  send: SendEvent;
  isTrustedSender: SenderCheck;
  /** Shows main's "Add files" dialog; [] when cancelled. */
  pickFiles(): Promise<string[]>;
  /** Folders never uploaded from (userData). */
  forbiddenRoots?: string[];
  batchIntervalMs?: number;
  /** Also told about every queue batch (taskbar progress, notifications). */
  onBatch?(batch: QueueBatch): void;
}

export interface MainServices {
  handlers: HandlerMap;
  addFlow: AddFlow;
  settings: SettingsStore;
  notices: NoticeCenter;
  batcher: QueueBatcher;
  conflicts: ConflictAsker;
  dispose(): void;
}

export async function createMainServices(deps: MainDeps): Promise<MainServices> {
  const { engine, send } = deps;
  const notices = createNoticeCenter();
  const settings = await openSettingsStore({ file: deps.settingsFile, secretBox: deps.secretBox, notices });
  notices.setSink((notice) => send(EVENT.notice, notice));
  const unsubscribeSettings = settings.onChange((view) => send(EVENT.settingsChanged, view));

  const batcher = createQueueBatcher({
    engine,
    intervalMs: deps.batchIntervalMs,
    send: (batch) => {
      send(EVENT.queueBatch, batch);
      deps.onBatch?.(batch);
    },
  });
  const conflicts = createConflictAsker((question) => send(EVENT.conflict, question));
  const addFlow = createAddFlow({
    engine,
    settings,
    asker: conflicts,
    keyExists: deps.keyExists,
    forbiddenRoots: deps.forbiddenRoots,
  });
  const handlers = createHandlers({
    isTrustedSender: deps.isTrustedSender,
    engine,
    settings,
    notices,
    addFlow,
    conflicts,
    flushQueue: () => {
      batcher.flush();
      return batcher.seq();
    },
    pickFiles: deps.pickFiles,
  });

  return {
    handlers,
    addFlow,
    settings,
    notices,
    batcher,
    conflicts,
    dispose() {
      addFlow.abortPending();
      conflicts.skipAll();
      batcher.dispose();
      unsubscribeSettings();
    },
  };
}
