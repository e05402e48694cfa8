// Every command the renderer can send, transport-agnostic: Electron's ipcMain (register.ts) and the E2E bridge's
// WebSocket call the same functions. Each handler first checks the sender, then validates the payload against the
// contract's schema; a refused message throws an IpcError and nothing is acted on.
import { z } from 'zod';
import type { UploadEngineApi } from '../../engine/types';
import { COMMAND, type CommandChannel } from '../../shared/ipc-channels';
import {
  commandSchemas,
  type CommandPayload,
  type CommandResult,
  type ConnectionResult,
} from '../../shared/ipc';
import type { SettingsStore } from '../settings/settings-store';
import type { NoticeCenter } from '../notices';
import type { AddFlow } from '../queue/add-flow';
import type { ConflictAsker } from '../queue/conflict-asker';
import type { Recovery } from '../queue/recovery';
import { isPausable } from '../../shared/ipc-recovery';
import { isCancellable, isFinished, isRetryable } from '../../shared/upload-state';
import { IpcError } from './errors';
import type { SenderCheck, SenderInfo } from './sender-check';

export type Handler = (payload: unknown, sender: SenderInfo) => Promise<unknown>;
export type HandlerMap = Record<CommandChannel, Handler>;

export interface HandlerDeps {
  isTrustedSender: SenderCheck;
  engine: Pick<
    UploadEngineApi,
    | 'cancel'
    | 'cancelAll'
    | 'pause'
    | 'pauseAll'
    | 'resume'
    | 'resumeAll'
    | 'remove'
    | 'clearFinished'
    | 'get'
    | 'snapshot'
    | 'totals'
    | 'testConnection'
  >;
  settings: SettingsStore;
  notices: NoticeCenter;
  addFlow: AddFlow;
  conflicts: ConflictAsker;
  /** Interrupted uploads (the journal) and incomplete uploads on the server. */
  recovery: Recovery;
  /** Flushes pending queue changes and returns the last batch's seq (see queue/batcher.ts). */
  flushQueue(): number;
  /** Main's own file dialog; [] when the user cancels. */
  pickFiles(): Promise<string[]>;
}

export function createHandlers(deps: HandlerDeps): HandlerMap {
  const { engine, settings, notices, addFlow, conflicts, recovery } = deps;

  const handle =
    <C extends CommandChannel>(channel: C, act: (payload: CommandPayload<C>) => Promise<CommandResult<C>> | CommandResult<C>): Handler =>
    async (payload, sender) => {
      if (!deps.isTrustedSender(sender)) throw new IpcError('forbidden-sender', `${channel} refused: not our renderer`);
      const parsed = commandSchemas[channel].safeParse(payload);
      if (!parsed.success) {
        throw new IpcError('bad-payload', `${channel} refused: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
      }
      return act(parsed.data as CommandPayload<C>);
    };

  const item = (id: string) => {
    const found = engine.get(id);
    if (!found) throw new IpcError('not-found', 'no such item in the queue');
    return found;
  };

  const testConnection = async (payload: CommandPayload<typeof COMMAND.testConnection>): Promise<ConnectionResult> => {
    try {
      const check = await engine.testConnection(settings.endpointForTest(payload.profile), payload.profile.bucket);
      return { ok: check.ok, kind: check.kind, message: check.message };
    } catch (error) {
      return { ok: false, kind: 'other', message: (error as Error).message };
    }
  };

  return {
    [COMMAND.snapshot]: handle(COMMAND.snapshot, () => {
      const seq = deps.flushQueue();
      return { seq, items: engine.snapshot(), totals: engine.totals(), conflict: conflicts.pending() };
    }),
    [COMMAND.addDropped]: handle(COMMAND.addDropped, ({ paths, target }) => addFlow.add(paths, target)),
    [COMMAND.pickAndAdd]: handle(COMMAND.pickAndAdd, async ({ target }) => {
      settings.resolveTarget(target); // refuse an unusable target before showing the dialog
      const paths = await deps.pickFiles();
      if (paths.length === 0) return { added: 0, skipped: 0, renamed: 0, rejected: [] };
      return addFlow.add(paths, target);
    }),
    [COMMAND.cancel]: handle(COMMAND.cancel, async ({ id }) => {
      if (!isCancellable(item(id).state.kind)) return;
      await engine.cancel(id);
    }),
    [COMMAND.cancelAll]: handle(COMMAND.cancelAll, async () => {
      addFlow.abortPending();
      conflicts.skipAll();
      await engine.cancelAll();
    }),
    [COMMAND.retry]: handle(COMMAND.retry, ({ id }) => {
      if (!isRetryable(item(id).state.kind)) throw new IpcError('not-allowed', 'only failed or cancelled uploads can be retried');
      addFlow.retry(id);
    }),
    [COMMAND.remove]: handle(COMMAND.remove, ({ id }) => {
      if (!isFinished(item(id).state.kind)) throw new IpcError('not-allowed', 'only finished uploads can be removed');
      engine.remove(id);
    }),
    [COMMAND.clearFinished]: handle(COMMAND.clearFinished, () => engine.clearFinished()),
    // Like cancel: a click that races a state change (the file just finished) is no error, it just does nothing.
    [COMMAND.pause]: handle(COMMAND.pause, async ({ id }) => {
      if (!isPausable(item(id).state.kind)) return;
      await engine.pause(id);
    }),
    [COMMAND.resume]: handle(COMMAND.resume, ({ id }) => {
      if (item(id).state.kind !== 'paused') return;
      engine.resume(id);
    }),
    [COMMAND.pauseAll]: handle(COMMAND.pauseAll, () => engine.pauseAll()),
    [COMMAND.resumeAll]: handle(COMMAND.resumeAll, () => engine.resumeAll()),
    [COMMAND.listInterrupted]: handle(COMMAND.listInterrupted, () => recovery.listInterrupted()),
    [COMMAND.resumeInterrupted]: handle(COMMAND.resumeInterrupted, ({ uploadIds }) => recovery.resumeInterrupted(uploadIds)),
    [COMMAND.discardInterrupted]: handle(COMMAND.discardInterrupted, ({ uploadIds }) => recovery.discardInterrupted(uploadIds)),
    [COMMAND.listIncomplete]: handle(COMMAND.listIncomplete, ({ profileId, bucket, prefix }) =>
      recovery.listIncomplete(profileId, bucket, prefix),
    ),
    [COMMAND.abortIncomplete]: handle(COMMAND.abortIncomplete, ({ profileId, bucket, uploads }) =>
      recovery.abortIncomplete(profileId, bucket, uploads),
    ),
    [COMMAND.answerConflict]: handle(COMMAND.answerConflict, ({ questionId, choice, applyToRest }) => {
      if (!conflicts.answer(questionId, { choice, applyToRest })) throw new IpcError('not-found', 'no such question');
    }),
    [COMMAND.getSettings]: handle(COMMAND.getSettings, () => settings.view()),
    [COMMAND.saveProfile]: handle(COMMAND.saveProfile, async (input) => {
      const id = await settings.saveProfile(input);
      return { id, settings: settings.view() };
    }),
    [COMMAND.deleteProfile]: handle(COMMAND.deleteProfile, async ({ id }) => {
      await settings.deleteProfile(id);
      return settings.view();
    }),
    [COMMAND.testConnection]: handle(COMMAND.testConnection, testConnection),
    [COMMAND.setLanguage]: handle(COMMAND.setLanguage, async ({ language }) => {
      await settings.setLanguage(language);
      return settings.view();
    }),
    [COMMAND.selectTarget]: handle(COMMAND.selectTarget, async (choice) => {
      await settings.selectTarget(choice);
      return settings.view();
    }),
    [COMMAND.setWeakStorage]: handle(COMMAND.setWeakStorage, async ({ allow }) => {
      await settings.setWeakStorage(allow);
      return settings.view();
    }),
    [COMMAND.listNotices]: handle(COMMAND.listNotices, () => notices.list()),
    [COMMAND.dismissNotice]: handle(COMMAND.dismissNotice, ({ id }) => {
      notices.dismiss(id);
    }),
  };
}
