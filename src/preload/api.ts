// Builds window.hoist from a transport. Shared by the Electron preload (ipcRenderer) and the E2E bridge (WebSocket),
// so both hand the page exactly the same API. Only channel names are imported as values (no zod in the preload).
import { COMMAND, EVENT, type CommandChannel, type EventChannel } from '../shared/ipc-channels';
import type { CommandPayload, CommandResult, EventPayload } from '../shared/ipc';
import type { ApiTransport, HoistApi } from './api-types';

/** Electron wraps a handler's error as "Error invoking remote method 'x': Error: message"; keep only the message. */
export function cleanRemoteError(error: unknown): Error {
  const text = error instanceof Error ? error.message : String(error);
  return new Error(text.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, ''));
}

export class NotLocalFileError extends Error {
  constructor() {
    super('NotLocalFile: only files and folders from this computer can be added');
    this.name = 'NotLocalFileError';
  }
}

export function buildApi(transport: ApiTransport): HoistApi {
  const call = async <C extends CommandChannel>(channel: C, payload: CommandPayload<C>): Promise<CommandResult<C>> => {
    try {
      return (await transport.invoke(channel, payload)) as CommandResult<C>;
    } catch (error) {
      throw cleanRemoteError(error);
    }
  };
  const on =
    <E extends EventChannel>(channel: E) =>
    (listener: (payload: EventPayload<E>) => void): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return transport.on(channel, (payload) => listener(payload as EventPayload<E>));
    };

  /** A File from the user's disk becomes its path here; anything else (a string, a File made in JS) is refused. */
  const pathOf = (file: unknown): string => {
    let path = '';
    try {
      path = transport.getPathForFile(file as File);
    } catch {
      throw new NotLocalFileError();
    }
    if (typeof path !== 'string' || path === '') throw new NotLocalFileError();
    return path;
  };

  return {
    snapshot: () => call(COMMAND.snapshot, undefined),
    addDropped: async (files, target) => {
      if (!Array.isArray(files) || files.length === 0) throw new NotLocalFileError();
      const paths = files.map(pathOf);
      return call(COMMAND.addDropped, { paths, target });
    },
    pickAndAdd: (target) => call(COMMAND.pickAndAdd, { target }),
    cancel: (id) => call(COMMAND.cancel, { id }),
    cancelAll: () => call(COMMAND.cancelAll, undefined),
    retry: (id) => call(COMMAND.retry, { id }),
    remove: (id) => call(COMMAND.remove, { id }),
    clearFinished: () => call(COMMAND.clearFinished, undefined),
    pause: (id) => call(COMMAND.pause, { id }),
    resume: (id) => call(COMMAND.resume, { id }),
    pauseAll: () => call(COMMAND.pauseAll, undefined),
    resumeAll: () => call(COMMAND.resumeAll, undefined),
    tryNow: () => call(COMMAND.tryNow, undefined),
    stopAdding: () => call(COMMAND.stopAdding, undefined),
    listInterrupted: () => call(COMMAND.listInterrupted, undefined),
    resumeInterrupted: (uploadIds) => call(COMMAND.resumeInterrupted, { uploadIds }),
    discardInterrupted: (uploadIds) => call(COMMAND.discardInterrupted, { uploadIds }),
    listIncomplete: ({ profileId, bucket, prefix }) => call(COMMAND.listIncomplete, { profileId, bucket, prefix }),
    // Fields are copied one by one so that nothing extra the page attaches reaches main (which would refuse it).
    abortIncomplete: ({ profileId, bucket }, uploads) =>
      call(COMMAND.abortIncomplete, { profileId, bucket, uploads: uploads.map(({ key, uploadId }) => ({ key, uploadId })) }),
    answerConflict: (questionId, choice, applyToRest) =>
      call(COMMAND.answerConflict, { questionId, choice, applyToRest }),

    getSettings: () => call(COMMAND.getSettings, undefined),
    saveProfile: (profile) => call(COMMAND.saveProfile, profile),
    deleteProfile: (id) => call(COMMAND.deleteProfile, { id }),
    testConnection: (profile) => call(COMMAND.testConnection, { profile }),
    setLanguage: (language) => call(COMMAND.setLanguage, { language }),
    selectTarget: (target) => call(COMMAND.selectTarget, target),
    setWeakStorage: (allow) => call(COMMAND.setWeakStorage, { allow }),
    listNotices: () => call(COMMAND.listNotices, undefined),
    dismissNotice: (id) => call(COMMAND.dismissNotice, { id }),

    onQueueBatch: on(EVENT.queueBatch),
    onSettingsChanged: on(EVENT.settingsChanged),
    onNotice: on(EVENT.notice),
    onConflict: on(EVENT.conflict),
  };
}
