// Every command the renderer can send, transport-agnostic: Electron's ipcMain (register.ts) and the E2E bridge's
// WebSocket call the same functions. Each handler first checks the sender, then validates the payload against the
// contract's schema; a refused message throws an IpcError and nothing is acted on.
import { z } from 'zod';
import type { BucketToolsApi, UploadQueueApi } from '../../engine';
import { COMMAND, type CommandChannel } from '../../shared/ipc-channels';
import { commandSchemas, type CommandPayload, type CommandResult, type ConnectionResult } from '../../shared/ipc';
import type { BrowseService } from '../browse/browse-service';
import type { HistoryService } from '../history/history-service';
import type { SettingsStore } from '../settings/settings-store';
import type { SsoSignInService } from '../settings/sso-sign-in';
import type { AwsProfileEntry } from '../../shared/settings-schema';
import type { NoticeCenter } from '../notices';
import type { AddFlow } from '../queue/add-flow';
import type { ConflictAsker } from '../queue/conflict-asker';
import type { Recovery } from '../queue/recovery';
import { isPausable } from '../../shared/ipc-recovery';
import { isCancellable, isFinished, isRetryable } from '../../shared/upload-state';
import { IpcError } from './errors';
import { createListedUploads, type ListedUploads } from './listed-uploads';
import type { SenderCheck, SenderInfo } from './sender-check';

export type Handler = (payload: unknown, sender: SenderInfo) => Promise<unknown>;
export type HandlerMap = Record<CommandChannel, Handler>;

export interface HandlerDeps {
  isTrustedSender: SenderCheck;
  engine: Pick<
    UploadQueueApi,
    | 'cancel'
    | 'cancelAll'
    | 'pause'
    | 'pauseAll'
    | 'resume'
    | 'resumeAll'
    | 'tryNow'
    | 'remove'
    | 'clearFinished'
    | 'get'
    | 'snapshot'
    | 'totals'
  > &
    Pick<BucketToolsApi, 'testConnection'>;
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
  /**
   * Main's own question before secrets are stored with weak protection: true only when the user said yes there.
   * The page's checkbox only asks; a page that could turn this on by itself could quietly weaken storage.
   */
  confirmWeakStorage(): Promise<boolean>;
  /** The incomplete uploads main listed recently: the only ones an abort may name. Made here when not given. */
  listedUploads?: ListedUploads;
  /** Finished uploads and share links; without it, the history is empty and links are refused. */
  history?: HistoryService;
  /** The destination browser; without it, ListBuckets counts as refused and folders cannot be listed. */
  browse?: BrowseService;
  /** The AWS config files' profiles (settings/aws-profiles.ts); without it, none are listed. */
  listAwsProfiles?(): Promise<AwsProfileEntry[]>;
  /** An SSO profile's sign-in state and device sign-in (settings/sso-sign-in.ts); without it, both are refused. */
  ssoSignIn?: SsoSignInService;
}

export function createHandlers(deps: HandlerDeps): HandlerMap {
  const { engine, settings, notices, addFlow, conflicts, recovery } = deps;
  const listed = deps.listedUploads ?? createListedUploads();
  /** One weak-storage question at a time: a second click while it is open waits for the same answer. */
  let weakQuestion: Promise<boolean> | null = null;

  const handle =
    <C extends CommandChannel>(
      channel: C,
      act: (payload: CommandPayload<C>) => Promise<CommandResult<C>> | CommandResult<C>,
    ): Handler =>
    async (payload, sender) => {
      if (!deps.isTrustedSender(sender)) throw new IpcError('forbidden-sender', `${channel} refused: not our renderer`);
      const parsed = commandSchemas[channel].safeParse(payload);
      if (!parsed.success) {
        throw new IpcError('bad-payload', `${channel} refused: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
      }
      return act(parsed.data as CommandPayload<C>);
    };

  /** Where an incomplete-uploads listing comes from; the endpoint is the profile's now, so an edit voids old ids. */
  const placeOf = (profileId: string, bucket: string) => {
    const profile = settings.profile(profileId);
    if (!profile) throw new IpcError('not-found', 'no such profile');
    return { profileId, endpointUrl: profile.endpointUrl, bucket };
  };

  const sso = (): SsoSignInService => {
    if (!deps.ssoSignIn) throw new IpcError('not-allowed', 'SSO sign-in is not available here');
    return deps.ssoSignIn;
  };

  const item = (id: string) => {
    const found = engine.get(id);
    if (!found) throw new IpcError('not-found', 'no such item in the queue');
    return found;
  };

  const testConnection = async (payload: CommandPayload<typeof COMMAND.testConnection>): Promise<ConnectionResult> => {
    // Outside the try: a refusal (a saved secret asked to follow a new server) is the form's to show at its field.
    const endpoint = settings.endpointForTest(payload.profile);
    try {
      const check = await engine.testConnection(endpoint, payload.profile.bucket);
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
      if (paths.length === 0) return { added: 0, skipped: 0, renamed: 0, stopped: 0, rejected: [] };
      return addFlow.add(paths, target);
    }),
    [COMMAND.cancel]: handle(COMMAND.cancel, async ({ id }) => {
      if (!isCancellable(item(id).state.kind)) return;
      await engine.cancel(id);
    }),
    [COMMAND.cancelAll]: handle(COMMAND.cancelAll, async () => {
      // The adds first: a batch still being listed, checked or asked about must queue nothing after the engine's
      // cancel has gone through the queue (the add flow also answers its open questions with skip).
      addFlow.abortPending();
      recovery.abortPending();
      conflicts.skipAll();
      await engine.cancelAll();
    }),
    [COMMAND.stopAdding]: handle(COMMAND.stopAdding, () => addFlow.stopAdding()),
    [COMMAND.tryNow]: handle(COMMAND.tryNow, () => {
      engine.tryNow();
    }),
    [COMMAND.retry]: handle(COMMAND.retry, ({ id }) => {
      if (!isRetryable(item(id).state.kind))
        throw new IpcError('not-allowed', 'only failed or cancelled uploads can be retried');
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
    // The adds first, as for Cancel all: a batch still being listed or asked about queues its files paused.
    [COMMAND.pauseAll]: handle(COMMAND.pauseAll, () => {
      addFlow.pausePending();
      recovery.pausePending();
      return engine.pauseAll();
    }),
    [COMMAND.resumeAll]: handle(COMMAND.resumeAll, () => {
      addFlow.resumePending();
      recovery.resumePending();
      engine.resumeAll();
    }),
    [COMMAND.listInterrupted]: handle(COMMAND.listInterrupted, () => recovery.listInterrupted()),
    [COMMAND.resumeInterrupted]: handle(COMMAND.resumeInterrupted, ({ uploadIds }) =>
      recovery.resumeInterrupted(uploadIds),
    ),
    [COMMAND.discardInterrupted]: handle(COMMAND.discardInterrupted, ({ uploadIds }) =>
      recovery.discardInterrupted(uploadIds),
    ),
    [COMMAND.listIncomplete]: handle(COMMAND.listIncomplete, async ({ profileId, bucket, prefix }) => {
      const found = await recovery.listIncomplete(profileId, bucket, prefix);
      listed.remember(placeOf(profileId, bucket), found);
      return found;
    }),
    [COMMAND.abortIncomplete]: handle(COMMAND.abortIncomplete, async ({ profileId, bucket, uploads }) => {
      const place = placeOf(profileId, bucket);
      const unknown = listed.unlisted(place, uploads);
      if (unknown.length > 0) {
        const first = unknown[0]!;
        throw new IpcError(
          'not-listed',
          `abort refused: ${unknown.length} of the ${uploads.length} uploads (first: "${first.key}", upload ID ${first.uploadId}) ` +
            `were not in a listing of bucket "${bucket}" from the last ${Math.round(listed.ttlMs / 60_000)} minutes; ` +
            'list the incomplete uploads again and choose from that list',
        );
      }
      const results = await recovery.abortIncomplete(profileId, bucket, uploads);
      listed.forget(
        place,
        results.filter((r) => r.verified),
      );
      return results;
    }),
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
      // Turning it off, or asking for what is already on, needs no question.
      if (allow && !settings.view().secretStorage.allowWeak) {
        weakQuestion ??= deps.confirmWeakStorage().finally(() => (weakQuestion = null));
        // "No" (or a closed dialog) is an answer, not an error: the view comes back unchanged and the box stays clear.
        if (!(await weakQuestion.catch(() => false))) return settings.view();
      }
      await settings.setWeakStorage(allow);
      return settings.view();
    }),
    [COMMAND.listAwsProfiles]: handle(COMMAND.listAwsProfiles, () => deps.listAwsProfiles?.() ?? []),
    [COMMAND.ssoStatus]: handle(COMMAND.ssoStatus, ({ profile }) => sso().status(profile)),
    [COMMAND.ssoSignIn]: handle(COMMAND.ssoSignIn, ({ profile }) => sso().start(profile)),
    [COMMAND.ssoWait]: handle(COMMAND.ssoWait, ({ flowId }) => sso().wait(flowId)),
    [COMMAND.ssoCancel]: handle(COMMAND.ssoCancel, ({ flowId }) => sso().cancel(flowId)),
    [COMMAND.listHistory]: handle(COMMAND.listHistory, ({ query, limit }) => deps.history?.list(query, limit) ?? []),
    [COMMAND.shareLink]: handle(COMMAND.shareLink, ({ source }) => {
      if (!deps.history) throw new IpcError('not-allowed', 'share links are not available here');
      return deps.history.shareLink(source);
    }),
    [COMMAND.browseBuckets]: handle(
      COMMAND.browseBuckets,
      ({ profileId }) =>
        deps.browse?.buckets(profileId) ?? { kind: 'refused' as const, message: 'browsing is not available here' },
    ),
    [COMMAND.browseList]: handle(COMMAND.browseList, ({ profileId, bucket, prefix, continuationToken }) => {
      if (!deps.browse) throw new IpcError('not-allowed', 'browsing is not available here');
      return deps.browse.list({ profileId, bucket, prefix }, continuationToken);
    }),
    [COMMAND.listNotices]: handle(COMMAND.listNotices, () => notices.list()),
    [COMMAND.dismissNotice]: handle(COMMAND.dismissNotice, ({ id }) => {
      notices.dismiss(id);
    }),
  };
}
