// Channel names of the IPC contract, and nothing else. Kept apart from the zod schemas in ipc.ts so that the preload
// (bundled into one small CJS file for the sandbox) can name channels without pulling zod in.

/** Commands: the renderer asks (invoke), main answers. */
export const COMMAND = {
  snapshot: 'queue:snapshot',
  addDropped: 'queue:addDropped',
  pickAndAdd: 'queue:pickAndAdd',
  cancel: 'queue:cancel',
  cancelAll: 'queue:cancelAll',
  retry: 'queue:retry',
  remove: 'queue:remove',
  clearFinished: 'queue:clearFinished',
  pause: 'queue:pause',
  resume: 'queue:resume',
  pauseAll: 'queue:pauseAll',
  resumeAll: 'queue:resumeAll',
  /** Ends the waits of files retrying an unreachable endpoint: each tries again at once. */
  tryNow: 'queue:tryNow',
  /** Stops every add in progress: nothing more of those batches is queued, and what they queued is cancelled. */
  stopAdding: 'queue:stopAdding',
  listInterrupted: 'interrupted:list',
  resumeInterrupted: 'interrupted:resume',
  discardInterrupted: 'interrupted:discard',
  listIncomplete: 'incomplete:list',
  abortIncomplete: 'incomplete:abort',
  answerConflict: 'conflict:answer',
  getSettings: 'settings:get',
  saveProfile: 'settings:saveProfile',
  deleteProfile: 'settings:deleteProfile',
  testConnection: 'settings:testConnection',
  setLanguage: 'settings:setLanguage',
  selectTarget: 'settings:selectTarget',
  setWeakStorage: 'settings:setWeakStorage',
  /** The named profiles of the AWS config files: names, kinds and regions only, never keys. */
  listAwsProfiles: 'settings:listAwsProfiles',
  /** Whether an SSO profile's cached sign-in is valid, expired or missing. */
  ssoStatus: 'sso:status',
  /** Starts the SSO device sign-in of a profile: answers the user code once the service gave one. */
  ssoSignIn: 'sso:signIn',
  /** Answers when a started sign-in ends: signed in, denied, expired, cancelled or failed. */
  ssoWait: 'sso:wait',
  ssoCancel: 'sso:cancel',
  /** Finished uploads kept in main's bounded history, newest first. */
  listHistory: 'history:list',
  /** A presigned GET URL for a done row or a history entry, valid for the profile's shareLinkHours. */
  shareLink: 'share:link',
  /** The profile's buckets, where ListBuckets is allowed. */
  browseBuckets: 'browse:buckets',
  /** One page of a folder in a bucket: sub-folders and objects. */
  browseList: 'browse:list',
  listNotices: 'notices:list',
  dismissNotice: 'notices:dismiss',
} as const;

/** Events: main tells the renderer. */
export const EVENT = {
  queueBatch: 'queue:batch',
  settingsChanged: 'settings:changed',
  notice: 'notices:new',
  conflict: 'conflict:ask',
} as const;

export type CommandName = keyof typeof COMMAND;
export type CommandChannel = (typeof COMMAND)[CommandName];
export type EventName = keyof typeof EVENT;
export type EventChannel = (typeof EVENT)[EventName];

export const COMMAND_CHANNELS: readonly CommandChannel[] = Object.values(COMMAND);
export const EVENT_CHANNELS: readonly EventChannel[] = Object.values(EVENT);
