// window.hoist, as a table: each method of the page's API names the command it sends and how its arguments become
// that command's payload; each on*() names the event it listens to. The preload builds the API from this table
// (src/preload/api.ts), and the page's HoistApi type is derived from it and from the contract (ipc.ts), so the page
// imports its API type from shared, never from the preload.
//
// No zod here, only types from ipc.ts: the preload is bundled into one small sandboxed file. The payload builders
// copy fields one by one, so that nothing extra the page attaches reaches main (which would refuse it).
import { COMMAND, EVENT, type CommandChannel, type EventChannel } from './ipc-channels';
import type { AddSummary, CommandPayload, CommandResult, EventPayload } from './ipc';
import type { LanguageSetting, ProfileInput, TargetChoice } from './settings-schema';

interface ApiCommand<C extends CommandChannel, A extends unknown[]> {
  channel: C;
  payload: (...args: A) => CommandPayload<C>;
}
const command = <C extends CommandChannel, A extends unknown[]>(
  channel: C,
  payload: (...args: A) => CommandPayload<C>,
): ApiCommand<C, A> => ({
  channel,
  payload,
});
const none = () => undefined;
const byId = (id: string) => ({ id });

export const API_COMMANDS = {
  snapshot: command(COMMAND.snapshot, none),
  /** Opens main's file dialog and adds what the user picks. */
  pickAndAdd: command(COMMAND.pickAndAdd, (target: TargetChoice) => ({ target })),
  cancel: command(COMMAND.cancel, byId),
  cancelAll: command(COMMAND.cancelAll, none),
  retry: command(COMMAND.retry, byId),
  remove: command(COMMAND.remove, byId),
  clearFinished: command(COMMAND.clearFinished, none),
  /** Stops sending but keeps what is on the server; resume() sends only the missing parts. */
  pause: command(COMMAND.pause, byId),
  resume: command(COMMAND.resume, byId),
  pauseAll: command(COMMAND.pauseAll, none),
  resumeAll: command(COMMAND.resumeAll, none),
  /** Files waiting for an unreachable endpoint try again now instead of at their next attempt. */
  tryNow: command(COMMAND.tryNow, none),
  /** Stops the adds in progress: nothing more of them is queued, and what they queued is cancelled. */
  stopAdding: command(COMMAND.stopAdding, none),
  /** Uploads a crash, a kill or a quit left unfinished (main's journal), for the "Interrupted uploads" prompt. */
  listInterrupted: command(COMMAND.listInterrupted, none),
  resumeInterrupted: command(COMMAND.resumeInterrupted, (uploadIds: string[]) => ({ uploadIds })),
  /** Aborts them on the server, verified (their rows show the cleanup). */
  discardInterrupted: command(COMMAND.discardInterrupted, (uploadIds: string[]) => ({ uploadIds })),
  /** Incomplete multipart uploads in a bucket of a saved profile. */
  listIncomplete: command(
    COMMAND.listIncomplete,
    ({ profileId, bucket, prefix }: { profileId: string; bucket: string; prefix: string }) => ({
      profileId,
      bucket,
      prefix,
    }),
  ),
  abortIncomplete: command(
    COMMAND.abortIncomplete,
    ({ profileId, bucket }: { profileId: string; bucket: string }, uploads: { key: string; uploadId: string }[]) => ({
      profileId,
      bucket,
      uploads: uploads.map(({ key, uploadId }) => ({ key, uploadId })),
    }),
  ),
  answerConflict: command(
    COMMAND.answerConflict,
    (questionId: string, choice: CommandPayload<typeof COMMAND.answerConflict>['choice'], applyToRest: boolean) => ({
      questionId,
      choice,
      applyToRest,
    }),
  ),
  getSettings: command(COMMAND.getSettings, none),
  saveProfile: command(COMMAND.saveProfile, (profile: ProfileInput) => profile),
  deleteProfile: command(COMMAND.deleteProfile, byId),
  testConnection: command(COMMAND.testConnection, (profile: ProfileInput) => ({ profile })),
  setLanguage: command(COMMAND.setLanguage, (language: LanguageSetting) => ({ language })),
  selectTarget: command(COMMAND.selectTarget, (target: TargetChoice) => target),
  setWeakStorage: command(COMMAND.setWeakStorage, (allow: boolean) => ({ allow })),
  /** The AWS config files' profiles for the settings form's "AWS profile" choice (names and kinds only). */
  listAwsProfiles: command(COMMAND.listAwsProfiles, none),
  /** An SSO profile's cached sign-in: valid (until when), expired or missing. */
  ssoStatus: command(COMMAND.ssoStatus, (profile: string) => ({ profile })),
  /** Starts the device sign-in; main opens the browser and answers the code to show. */
  ssoSignIn: command(COMMAND.ssoSignIn, (profile: string) => ({ profile })),
  /** Answers when the sign-in that ssoSignIn started ends. */
  ssoWait: command(COMMAND.ssoWait, (flowId: string) => ({ flowId })),
  ssoCancel: command(COMMAND.ssoCancel, (flowId: string) => ({ flowId })),
  listHistory: command(COMMAND.listHistory, (query: string, limit?: number) =>
    limit === undefined ? { query } : { query, limit },
  ),
  shareLink: command(COMMAND.shareLink, (source: { kind: 'queue' | 'history'; id: string }) => ({
    source: { kind: source.kind, id: source.id },
  })),
  browseBuckets: command(COMMAND.browseBuckets, (profileId: string) => ({ profileId })),
  browseList: command(
    COMMAND.browseList,
    (where: { profileId: string; bucket: string; prefix: string }, continuationToken?: string) => ({
      profileId: where.profileId,
      bucket: where.bucket,
      prefix: where.prefix,
      ...(continuationToken === undefined ? {} : { continuationToken }),
    }),
  ),
  listNotices: command(COMMAND.listNotices, none),
  dismissNotice: command(COMMAND.dismissNotice, byId),
};

export const API_EVENTS = {
  onQueueBatch: EVENT.queueBatch,
  onSettingsChanged: EVENT.settingsChanged,
  onNotice: EVENT.notice,
  onConflict: EVENT.conflict,
} as const satisfies Record<string, EventChannel>;

type Commands = typeof API_COMMANDS;
type Events = typeof API_EVENTS;

/** The API the preload exposes to the page as window.hoist. Every on*() returns a function that unsubscribes. */
export type HoistApi = {
  [M in keyof Commands]: (
    ...args: Parameters<Commands[M]['payload']>
  ) => Promise<CommandResult<Commands[M]['channel']>>;
} & {
  [E in keyof Events]: (listener: (payload: EventPayload<Events[E]>) => void) => () => void;
} & {
  /** Files (and folders) dropped on the window. The preload turns them into paths; the page never sees one. */
  addDropped(files: File[], target: TargetChoice): Promise<AddSummary>;
};

// Every command is reachable from the page: a channel left out of the table (other than addDropped, which the
// preload builds from Files) fails to compile here.
type Covered = Commands[keyof Commands]['channel'] | typeof COMMAND.addDropped;
const everyCommandCovered: Record<Exclude<CommandChannel, Covered>, never> = {};
void everyCommandCovered;
