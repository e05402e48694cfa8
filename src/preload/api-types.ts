// What the preload's API is built on: the transport (Electron's ipcRenderer, or the E2E bridge's WebSocket). The API's
// own type, HoistApi, lives in the shared contract (src/shared/ipc-api.ts); it is re-exported here for the preload.
export type { HoistApi } from '../shared/ipc-api';

/** What buildApi needs from the transport: Electron's ipcRenderer in the app, a WebSocket in the E2E bridge. */
export interface ApiTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
  /** '' when the File did not come from the user's disk (e.g. made in JS). */
  getPathForFile(file: File): string;
}
