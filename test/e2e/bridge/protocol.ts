// The bridge's wire format between the page (page-preload.ts) and the bridge server (server.ts): JSON text frames on
// one WebSocket. It carries exactly what Electron's IPC carries for Hoist (commands with their answers, and events),
// plus one message of the bridge's own: the fixture files the page may resolve (standing in for webUtils).
// No DOM and no Node types here: both sides import it.

/** Page → server: run a command (ipcRenderer.invoke). */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  channel: string;
  payload?: unknown;
}

/** Page → server: the page has applied a `files` message. */
export interface FilesAckMessage {
  type: 'files-ack';
  seq: number;
}

export type PageMessage = InvokeMessage | FilesAckMessage;

/** Server → page: the answer to one invoke. `error` is the handler's message, as Electron would relay it. */
export type ReplyMessage =
  { type: 'reply'; id: number; ok: true; result?: unknown } | { type: 'reply'; id: number; ok: false; error: string };

/** Server → page: an event main sends (webContents.send). */
export interface EventMessage {
  type: 'event';
  channel: string;
  payload: unknown;
}

/** Server → page: File name → absolute path of fixture files, for the page's getPathForFile. */
export interface FilesMessage {
  type: 'files';
  seq: number;
  files: Record<string, string>;
}

export type ServerMessage = ReplyMessage | EventMessage | FilesMessage;

/** Path of the WebSocket endpoint on the bridge's origin. */
export const WS_PATH = '/__bridge/ws';

/** Global the init script sets before the bundle runs: the bridge's origin, so the preload runs only there. */
export const ORIGIN_GLOBAL = '__HOIST_BRIDGE_ORIGIN__';
