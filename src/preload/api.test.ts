import { describe, expect, it, vi } from 'vitest';
import { COMMAND, EVENT } from '../shared/ipc-channels';
import { buildApi, cleanRemoteError } from './api';
import type { ApiTransport } from './api-types';
import { createDropGate } from './drop-gate';

class FakeFile {
  constructor(
    readonly name: string,
    readonly path: string,
  ) {}
}
const target = { profileId: 'p1', bucket: 'bucket', prefix: '' };

function transport(overrides: Partial<ApiTransport> = {}) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const t = {
    invoke: vi.fn(async () => ({ added: 1, skipped: 0, renamed: 0, rejected: [] })),
    on: vi.fn((channel: string, listener: (payload: unknown) => void) => {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    }),
    getPathForFile: vi.fn((file: File) => {
      if (!(file instanceof FakeFile)) throw new TypeError('not a File');
      return file.path;
    }),
    ...overrides,
  };
  return { t, listeners };
}

describe('buildApi', () => {
  it('turns dropped Files into paths inside the preload', async () => {
    const { t } = transport();
    const api = buildApi(t);
    await api.addDropped([new FakeFile('a', '/home/u/a.txt') as unknown as File], target);
    expect(t.invoke).toHaveBeenCalledWith(COMMAND.addDropped, { paths: ['/home/u/a.txt'], target });
  });

  it('refuses strings and Files without a path, without sending anything', async () => {
    const { t } = transport();
    const api = buildApi(t);
    await expect(api.addDropped(['/etc/passwd'] as unknown as File[], target)).rejects.toThrow(/NotLocalFile/);
    await expect(api.addDropped([new FakeFile('made-in-js', '') as unknown as File], target)).rejects.toThrow(
      /NotLocalFile/,
    );
    await expect(api.addDropped('/etc/passwd' as unknown as File[], target)).rejects.toThrow(/NotLocalFile/);
    expect(t.invoke).not.toHaveBeenCalled();
  });

  it('subscriptions return an unsubscribe, and handlers get only the payload', () => {
    const { t, listeners } = transport();
    const api = buildApi(t);
    const seen: unknown[] = [];
    const off = api.onQueueBatch((b) => seen.push(b));
    listeners.get(EVENT.queueBatch)!({ seq: 1 });
    off();
    expect(listeners.has(EVENT.queueBatch)).toBe(false);
    expect(seen).toEqual([{ seq: 1 }]);
  });

  it("cleans Electron's wrapping off remote errors", async () => {
    expect(
      cleanRemoteError(new Error("Error invoking remote method 'queue:cancel': IpcError: bad-payload: x")).message,
    ).toBe('bad-payload: x');
    const { t } = transport({
      invoke: vi.fn(async () =>
        Promise.reject(new Error("Error invoking remote method 'queue:retry': Error: not-found: y")),
      ),
    });
    await expect(buildApi(t).retry('a')).rejects.toThrow(/^not-found: y$/);
  });
});

describe('pause, interrupted and incomplete uploads', () => {
  it("send exactly the contract's payloads", async () => {
    const { t } = transport();
    const api = buildApi(t);
    await api.pause('item1');
    await api.resume('item1');
    await api.pauseAll();
    await api.resumeAll();
    await api.listInterrupted();
    await api.resumeInterrupted(['u1', 'u2']);
    await api.discardInterrupted(['u3']);
    await api.listIncomplete({ profileId: 'p1', bucket: 'b', prefix: 'x/' });
    expect(vi.mocked(t.invoke).mock.calls).toEqual([
      [COMMAND.pause, { id: 'item1' }],
      [COMMAND.resume, { id: 'item1' }],
      [COMMAND.pauseAll, undefined],
      [COMMAND.resumeAll, undefined],
      [COMMAND.listInterrupted, undefined],
      [COMMAND.resumeInterrupted, { uploadIds: ['u1', 'u2'] }],
      [COMMAND.discardInterrupted, { uploadIds: ['u3'] }],
      [COMMAND.listIncomplete, { profileId: 'p1', bucket: 'b', prefix: 'x/' }],
    ]);
  });

  it("abortIncomplete sends only the profile, the bucket, and each upload's key and id", async () => {
    const { t } = transport();
    const row = { key: 'k', uploadId: 'u', parts: 2, bytes: 10, initiated: '', startedByHoist: false };
    const where = { profileId: 'p1', bucket: 'b', prefix: '', endpointUrl: 'http://elsewhere' };
    await buildApi(t).abortIncomplete(where, [row]);
    expect(t.invoke).toHaveBeenCalledWith(COMMAND.abortIncomplete, {
      profileId: 'p1',
      bucket: 'b',
      uploads: [{ key: 'k', uploadId: 'u' }],
    });
  });
});

describe('drop gate', () => {
  const resolve = (file: File) => (file as unknown as FakeFile).path;
  const dropped = new FakeFile('a', '/home/u/a.txt') as unknown as File;
  const other = new FakeFile('b', '/home/u/.ssh/id_rsa') as unknown as File;

  it('resolves only files that came with a trusted drop', () => {
    const gate = createDropGate({ resolve });
    expect(gate.pathFor(dropped)).toBe('');
    gate.onDrop({ isTrusted: false, dataTransfer: { files: [dropped, other] } });
    expect(gate.pathFor(dropped)).toBe('');
    gate.onDrop({ isTrusted: true, dataTransfer: { files: [dropped] } });
    expect(gate.pathFor(dropped)).toBe('/home/u/a.txt');
    expect(gate.pathFor(other)).toBe('');
  });

  it('forgets a drop after a while', () => {
    let now = 0;
    const gate = createDropGate({ resolve, now: () => now, ttlMs: 1000 });
    gate.onDrop({ isTrusted: true, dataTransfer: { files: [dropped] } });
    now = 999;
    expect(gate.pathFor(dropped)).toBe('/home/u/a.txt');
    now = 2001;
    expect(gate.pathFor(dropped)).toBe('');
  });
});
