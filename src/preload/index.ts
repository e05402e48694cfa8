// The Electron preload: builds the typed API on ipcRenderer and exposes only that (never ipcRenderer itself) as
// window.hoist. Runs sandboxed, so electron-vite bundles it with its imports into one CJS file.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { COMMAND_CHANNELS, EVENT_CHANNELS, type CommandChannel, type EventChannel } from '../shared/ipc-channels';
import { buildApi } from './api';
import type { ApiTransport } from './api-types';
import { createDropGate } from './drop-gate';

const gate = createDropGate({ resolve: (file) => webUtils.getPathForFile(file) });
// Capture phase on window: runs before the page's own handlers, and the page cannot stop it.
window.addEventListener('drop', (event) => gate.onDrop(event), true);

const transport: ApiTransport = {
  invoke(channel, payload) {
    if (!COMMAND_CHANNELS.includes(channel as CommandChannel)) return Promise.reject(new Error('unknown command'));
    return ipcRenderer.invoke(channel, payload);
  },
  on(channel, listener) {
    if (!EVENT_CHANNELS.includes(channel as EventChannel)) throw new Error('unknown event');
    // The IpcRendererEvent (with its sender) stays here: the page gets only the payload.
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
  getPathForFile: (file) => gate.pathFor(file),
};

contextBridge.exposeInMainWorld('hoist', buildApi(transport));
