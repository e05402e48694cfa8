// Builds window.hoist from a transport and the shared API table (src/shared/ipc-api.ts). Shared by the Electron
// preload (ipcRenderer) and the E2E bridge (WebSocket), so both hand the page exactly the same API. Only the table and
// channel names are imported as values (no zod in the preload).
import { API_COMMANDS, API_EVENTS, type HoistApi } from '../shared/ipc-api';
import { COMMAND, type CommandChannel } from '../shared/ipc-channels';
import type { TargetChoice } from '../shared/settings-schema';
import type { ApiTransport } from './api-types';

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
  const call = async (channel: CommandChannel, payload: unknown): Promise<unknown> => {
    try {
      return await transport.invoke(channel, payload);
    } catch (error) {
      throw cleanRemoteError(error);
    }
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

  // Every method from the shared table: its arguments become the command's payload, which main validates.
  const api: Record<string, unknown> = {};
  for (const [method, { channel, payload }] of Object.entries(API_COMMANDS)) {
    const toPayload = payload as (...args: unknown[]) => unknown;
    api[method] = (...args: unknown[]) => call(channel, toPayload(...args));
  }
  for (const [method, channel] of Object.entries(API_EVENTS)) {
    api[method] = (listener: (payload: unknown) => void): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return transport.on(channel, (payload) => listener(payload));
    };
  }
  // The one command whose arguments the page cannot build: Files become paths only here, in the preload.
  api.addDropped = async (files: unknown, target: TargetChoice) => {
    if (!Array.isArray(files) || files.length === 0) throw new NotLocalFileError();
    const paths = files.map(pathOf);
    return call(COMMAND.addDropped, { paths, target });
  };
  return api as HoistApi;
}
