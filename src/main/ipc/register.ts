// The one place that touches ipcMain: each command channel gets its handler, with Electron's sender frame turned
// into the transport-neutral SenderInfo the handlers check.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { CommandChannel } from '../../shared/ipc-channels';
import type { HandlerMap } from './handlers';
import type { SenderInfo } from './sender-check';

export function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  // senderFrame is null when the frame navigated away or was destroyed before the message was handled.
  const frame = event.senderFrame;
  if (!frame) return { url: null, isMainFrame: false };
  return { url: frame.url, isMainFrame: frame.parent === null };
}

export function registerHandlers(handlers: HandlerMap): () => void {
  const channels = Object.keys(handlers) as CommandChannel[];
  for (const channel of channels) {
    const handler = handlers[channel];
    ipcMain.handle(channel, (event, payload: unknown) => handler(payload, senderInfo(event)));
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
