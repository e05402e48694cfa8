// The bridge itself (no browser): it serves the built renderer unchanged, and behind its WebSocket the production
// sender check and payload validation refuse what Electron's IPC would refuse.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { COMMAND } from '../../src/shared/ipc-channels';
import { WS_PATH, type ServerMessage } from './bridge/protocol';
import { RENDERER_DIR, startBridge, type Bridge } from './bridge/server';

let bridge: Bridge;

beforeAll(async () => {
  bridge = await startBridge();
});

afterAll(async () => {
  await bridge?.close();
});

/** Opens a WebSocket to the bridge with the given Origin header, sends one command, returns the reply. */
async function invokeAs(origin: string, channel: string, payload?: unknown): Promise<ServerMessage> {
  const socket = new WebSocket(`ws://127.0.0.1:${new URL(bridge.origin).port}${WS_PATH}`, { origin });
  try {
    await new Promise<void>((ok, fail) => {
      socket.once('open', () => ok());
      socket.once('error', fail);
    });
    const reply = new Promise<ServerMessage>((ok) =>
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as ServerMessage;
        if (message.type === 'reply') ok(message);
      }),
    );
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel, payload }));
    return await reply;
  } finally {
    socket.close();
  }
}

describe('the E2E bridge', () => {
  it('serves out/renderer/index.html byte for byte, production CSP included', async () => {
    const served = await (await fetch(bridge.url)).text();
    expect(served).toBe(await readFile(join(RENDERER_DIR, 'index.html'), 'utf8'));
    expect(served).toContain("script-src 'self'");
    expect((await fetch(`${bridge.origin}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it("answers the page's own origin", async () => {
    const reply = await invokeAs(bridge.origin, COMMAND.snapshot);
    expect(reply).toMatchObject({ type: 'reply', ok: true, result: { seq: 0, items: [] } });
  });

  it('refuses another origin with the production sender check', async () => {
    const reply = await invokeAs('http://evil.example', COMMAND.snapshot);
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^forbidden-sender: /) });
  });

  it('validates payloads with the contract, and knows only its commands', async () => {
    expect(await invokeAs(bridge.origin, COMMAND.cancel, { id: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^bad-payload: /),
    });
    expect(
      await invokeAs(bridge.origin, COMMAND.selectTarget, {
        profileId: 'p1',
        bucket: 'b-1',
        prefix: '',
        paths: ['/etc'],
      }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^bad-payload: /),
    });
    expect(await invokeAs(bridge.origin, 'fs:readFile', '/etc/passwd')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^unknown-command/),
    });
    expect(await invokeAs(bridge.origin, 'constructor')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^unknown-command/),
    });
  });
});
