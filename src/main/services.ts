// Everything main does that is not Electron glue, wired together: settings, notices, the queue batcher, the add flow
// with conflict questions, interrupted and incomplete uploads, and the command handlers. The Electron entry
// (index.ts) and the E2E bridge both call createMainServices and differ only in the transport, the SecretBox and the
// file dialog they pass in. The engine is made by the caller: give it mainPaths(userData).stateDir as its stateDir so
// that uploads survive a restart (without one, nothing is journalled and the Interrupted prompt stays empty).
import { dirname, join } from 'node:path';
import type { EngineOptions, UploadEngineApi } from '../engine';
import { EVENT, type EventChannel } from '../shared/ipc-channels';
import type { EventPayload, QueueBatch } from '../shared/ipc';
import { createBrowseService } from './browse/browse-service';
import { createHistoryService } from './history/history-service';
import { createHandlers, type HandlerMap } from './ipc/handlers';
import type { ListedUploads } from './ipc/listed-uploads';
import type { SenderCheck } from './ipc/sender-check';
import { createNoticeCenter, type NoticeCenter } from './notices';
import { createAddFlow, type AddFlow, type ExistingKeys } from './queue/add-flow';
import { createQueueBatcher, type QueueBatcher } from './queue/batcher';
import { watchBatchFailures } from './queue/failure-notices';
import { createConflictAsker, type ConflictAsker } from './queue/conflict-asker';
import { createRecovery, type Recovery } from './queue/recovery';
import type { SecretBox } from './settings/secret-box';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';
import { listAwsProfiles, type AwsConfigFiles } from './settings/aws-profiles';
import { createSsoSignIn, ssoEnvironment } from './settings/sso-sign-in';
import type { SystemProxyLookup } from './settings/profile-endpoint';

export type SendEvent = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

/** Where main keeps its files inside the app's userData folder. */
export function mainPaths(userData: string): { settingsFile: string; stateDir: string } {
  return { settingsFile: join(userData, 'settings.json'), stateDir: join(userData, 'state') };
}

/**
 * The app's engine settings. A desktop uploader waits out a lost network (a laptop lid, a Wi-Fi drop) for as long as
 * it lasts, showing "waiting for network" with the next try, and goes on by itself when the endpoint answers again;
 * only errors that waiting cannot fix end an upload. (The CLI keeps a bounded wait unless given --wait-network.)
 */
export function appEngineOptions(userData: string): EngineOptions {
  return { stateDir: mainPaths(userData).stateDir, unreachableBudgetMs: Number.POSITIVE_INFINITY };
}

export interface MainDeps {
  engine: UploadEngineApi;
  /**
   * Which of a batch's destination keys already exist, in one call (engine.existingKeys). With it, the user is asked
   * about existing keys; without it, they are overwritten silently.
   */
  existingKeys?: ExistingKeys;
  /** settings.json in the app's userData folder. */
  settingsFile: string;
  secretBox: SecretBox;
  /** Sends an event to the renderer (webContents.send in Electron, a WebSocket message in the E2E bridge). */
  send: SendEvent;
  isTrustedSender: SenderCheck;
  /** Shows main's "Add files" dialog; [] when cancelled. */
  pickFiles(): Promise<string[]>;
  /**
   * Main's native question before secrets are stored with weak protection (Linux without a keyring); true = yes.
   * Without one, the page cannot turn weak storage on at all.
   */
  confirmWeakStorage?(): Promise<boolean>;
  /** The record of incomplete-upload listings that aborts are checked against (tests pass one with a clock). */
  listedUploads?: ListedUploads;
  /** Folders never uploaded from (userData). */
  forbiddenRoots?: string[];
  batchIntervalMs?: number;
  /** Also told about every queue batch (taskbar progress, notifications). */
  onBatch?(batch: QueueBatch): void;
  /** The AWS config files Settings lists profiles from; default: the SDK's choice (AWS_CONFIG_FILE…, ~/.aws). */
  awsConfigFiles?: AwsConfigFiles;
  /** The system's proxy for a profile without its own proxy URL (the app's, from Electron's resolveProxy). */
  systemProxy?: SystemProxyLookup;
  /** Opens an https page in the user's browser (the SSO sign-in's); without it, the user opens the page shown. */
  openInBrowser?(url: string): Promise<void>;
}

export interface MainServices {
  handlers: HandlerMap;
  addFlow: AddFlow;
  settings: SettingsStore;
  notices: NoticeCenter;
  batcher: QueueBatcher;
  conflicts: ConflictAsker;
  recovery: Recovery;
  /**
   * Stops the queue for quitting. 'pause': in-flight parts are aborted but the multipart uploads and the journal
   * stay, so the next start offers to resume them. 'cancel': everything is cancelled with verified cleanup and the
   * engine is closed. Not bounded in time: the caller races it against its own limit.
   */
  stopUploads(mode: 'pause' | 'cancel'): Promise<void>;
  /**
   * What the engine's onRegionCorrected should call: the bucket's region goes into its AWS profiles, and a notice
   * says so. The engine is made before the services, so the caller forwards to this once they exist.
   */
  regionCorrected(notice: { bucket: string; asked: string; region: string }): void;
  dispose(): void;
}

export async function createMainServices(deps: MainDeps): Promise<MainServices> {
  const { engine, send } = deps;
  const notices = createNoticeCenter();
  const settings = await openSettingsStore({
    file: deps.settingsFile,
    secretBox: deps.secretBox,
    notices,
    systemProxy: deps.systemProxy,
  });
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
  const stopWatchingFailures = watchBatchFailures(engine, notices);
  const conflicts = createConflictAsker((question) => send(EVENT.conflict, question));
  const addFlow = createAddFlow({
    engine,
    settings,
    asker: conflicts,
    existingKeys: deps.existingKeys,
    compareWithObjects: engine.compareWithObjects?.bind(engine),
    forbiddenRoots: deps.forbiddenRoots,
  });
  const recovery = createRecovery({ engine, settings, addFlow });
  // In the background: the window opens meanwhile, and what the sweep finds comes as a notice.
  void recovery.sweepCreates(notices);
  const ssoSignIn = createSsoSignIn({
    env: () => ssoEnvironment(deps.awsConfigFiles),
    listAwsProfiles: () => listAwsProfiles(deps.awsConfigFiles),
    ...(deps.openInBrowser ? { openInBrowser: deps.openInBrowser } : {}),
  });
  const handlers = createHandlers({
    isTrustedSender: deps.isTrustedSender,
    engine,
    settings,
    notices,
    addFlow,
    conflicts,
    recovery,
    flushQueue: () => {
      batcher.flush();
      return batcher.seq();
    },
    pickFiles: deps.pickFiles,
    confirmWeakStorage: deps.confirmWeakStorage ?? (async () => false),
    listedUploads: deps.listedUploads,
    history: createHistoryService({ engine, settings, userDataDir: dirname(deps.settingsFile) }),
    browse: createBrowseService({ engine, settings }),
    listAwsProfiles: () => listAwsProfiles(deps.awsConfigFiles),
    ssoSignIn,
  });

  return {
    handlers,
    addFlow,
    settings,
    notices,
    batcher,
    conflicts,
    recovery,
    regionCorrected({ bucket, asked, region }) {
      void settings
        .learnRegion(bucket, asked, region)
        .then((names) => {
          if (names.length > 0)
            notices.add('region-corrected', 'info', { bucket, asked, region, profiles: names.join(', ') });
        })
        .catch(() => undefined); // a settings file that cannot be written has its own notice
    },
    async stopUploads(mode) {
      addFlow.abortPending();
      recovery.abortPending();
      conflicts.skipAll();
      if (mode === 'cancel') {
        // The uploads the user paused stay paused, journaled for the next start: a quit never throws away parts the
        // user chose to keep (quit-guard.ts), and the question counted only the queued and running ones.
        await engine.cancelAll({ sparePaused: true });
        await engine.close({ keepPaused: true });
        return;
      }
      // Pausing keeps the multipart uploads and the journal for the next start; a file already completing finishes.
      await engine.close({ keepPaused: true });
      await engine.idle();
    },
    dispose() {
      ssoSignIn.cancelAll();
      addFlow.abortPending();
      recovery.abortPending();
      conflicts.skipAll();
      batcher.dispose();
      stopWatchingFailures();
      unsubscribeSettings();
    },
  };
}
