import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND, COMMAND_CHANNELS, EVENT } from '../../shared/ipc-channels';
import { type ProfileInput } from '../../shared/settings-schema';
import { createMainServices, type MainServices } from '../services';
import { createFakeEngine, type FakeEngine } from '../testing/fake-engine';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { createSenderCheck, type SenderInfo } from './sender-check';
import { testProfileInput } from '../testing/test-profile';

const RENDERER = 'app://hoist/index.html';
const ours: SenderInfo = { url: RENDERER, isMainFrame: true };
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const profile: ProfileInput = testProfileInput({ defaultPrefix: 'inbox/', secret: SECRET });

let dir: string;
let engine: FakeEngine;
let services: MainServices;
let sent: { channel: string; payload: unknown }[];
let picked: string[];

async function setup(keyExists = false) {
  engine = createFakeEngine();
  sent = [];
  picked = [];
  services = await createMainServices({
    engine,
    existingKeys: keyExists ? (t, keys) => engine.existingKeys(t, keys) : undefined,
    settingsFile: join(dir, 'userData', 'settings.json'),
    secretBox: createFakeSecretBox('keychain'),
    send: (channel, payload) => sent.push({ channel, payload }),
    isTrustedSender: createSenderCheck({ rendererUrl: RENDERER }),
    pickFiles: async () => picked,
    forbiddenRoots: [join(dir, 'userData')],
    batchIntervalMs: 5,
  });
}

const call = (channel: string, payload: unknown, sender: SenderInfo = ours) =>
  services.handlers[channel as keyof typeof services.handlers](payload, sender);

async function saveProfile(): Promise<string> {
  const { id } = (await call(COMMAND.saveProfile, profile)) as { id: string };
  return id;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-handlers-'));
  await setup();
});
afterEach(async () => {
  services.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('sender check', () => {
  const strangers: [string, SenderInfo][] = [
    ['a null frame', { url: null, isMainFrame: false }],
    ['another file', { url: 'file:///tmp/evil.html', isMainFrame: true }],
    [
      'the built page opened as a file',
      { url: 'file:///opt/Hoist/resources/app/out/renderer/index.html', isMainFrame: true },
    ],
    ['another app:// host', { url: 'app://evil/index.html', isMainFrame: true }],
    ['a web page', { url: 'https://example.com/', isMainFrame: true }],
    ['an iframe of our page', { url: RENDERER, isMainFrame: false }],
  ];
  it.each(strangers)('refuses %s on every command, and does nothing', async (_name, sender) => {
    for (const channel of COMMAND_CHANNELS) {
      await expect(call(channel, undefined, sender)).rejects.toThrow(/forbidden-sender/);
    }
    await expect(call(COMMAND.cancel, { id: 'item1' }, sender)).rejects.toThrow(/forbidden-sender/);
    expect(engine.calls).toEqual([]);
  });
});

describe('payload validation', () => {
  it('refuses a bad payload and never acts on it', async () => {
    const bad: [string, unknown][] = [
      [COMMAND.cancel, undefined],
      [COMMAND.cancel, { id: 5 }],
      [COMMAND.cancel, { id: 'item1', extra: true }],
      [COMMAND.cancelAll, { everything: true }],
      [COMMAND.retry, 'item1'],
      [COMMAND.remove, { id: '' }],
      [COMMAND.answerConflict, { questionId: 'q1', choice: 'delete-everything', applyToRest: false }],
      [COMMAND.saveProfile, { ...profile, bucket: 'Not_A_Bucket' }],
      [COMMAND.setLanguage, { language: 'fr' }],
      [COMMAND.testConnection, { profile: { ...profile, endpointUrl: 'ftp://x' } }],
    ];
    for (const [channel, payload] of bad) {
      await expect(call(channel, payload), channel).rejects.toThrow(/bad-payload/);
    }
    expect(engine.calls).toEqual([]);
    expect(services.settings.view().profiles).toEqual([]);
  });

  it('refuses a raw path string from the page, wherever it is slipped in', async () => {
    const id = await saveProfile();
    const target = { profileId: id, bucket: 'photos', prefix: '' };
    const attempts: [string, unknown][] = [
      [COMMAND.addDropped, '/etc/passwd'],
      [COMMAND.addDropped, ['/etc/passwd']],
      [COMMAND.addDropped, { paths: '/etc/passwd', target }],
      [COMMAND.addDropped, { paths: ['etc/passwd'], target }], // relative
      [COMMAND.addDropped, { paths: ['/etc/passwd\0.jpg'], target }],
      [COMMAND.pickAndAdd, '/etc/passwd'],
      [COMMAND.pickAndAdd, { target, paths: ['/etc/passwd'] }],
      [COMMAND.cancel, { id: '/etc/passwd' }],
      [COMMAND.retry, { id: 'C:\\Windows\\win.ini' }],
      [COMMAND.selectTarget, { ...target, path: '/etc/passwd' }],
    ];
    for (const [channel, payload] of attempts) {
      await expect(call(channel, payload), `${channel} ${JSON.stringify(payload)}`).rejects.toThrow(/bad-payload/);
    }
    expect(engine.callsTo('add')).toEqual([]);
  });

  it('refuses paths inside its own data folder even on the drop channel', async () => {
    const id = await saveProfile();
    const result = await call(COMMAND.addDropped, {
      paths: [join(dir, 'userData', 'settings.json')],
      target: { profileId: id, bucket: 'photos', prefix: '' },
    });
    expect(result).toMatchObject({ added: 0, rejected: [{ code: 'Forbidden' }] });
    expect(engine.callsTo('add')).toEqual([]);
  });
});

describe('commands', () => {
  it('adds dropped paths to the target built from the saved profile', async () => {
    const id = await saveProfile();
    const file = join(dir, 'a.txt');
    await writeFile(file, 'hello');
    const result = await call(COMMAND.addDropped, {
      paths: [file],
      target: { profileId: id, bucket: 'photos', prefix: 'x' },
    });
    expect(result).toMatchObject({ added: 1, rejected: [] });
    const [paths, target] = engine.callsTo('add')[0]!;
    expect(paths).toEqual([file]);
    expect(target).toMatchObject({
      endpointUrl: 'http://127.0.0.1:9000',
      bucket: 'photos',
      prefix: 'x/',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET },
    });
  });

  it("pickAndAdd uses main's own dialog", async () => {
    const id = await saveProfile();
    picked = [join(dir, 'b.txt')];
    await writeFile(picked[0]!, 'b');
    await call(COMMAND.pickAndAdd, { target: { profileId: id, bucket: 'photos', prefix: '' } });
    expect(engine.callsTo('add')[0]![0]).toEqual(picked);
  });

  it('cancel, retry and remove act only on items in a state that allows it', async () => {
    const id = await saveProfile();
    const file = join(dir, 'c.txt');
    await writeFile(file, 'c');
    await call(COMMAND.addDropped, { paths: [file], target: { profileId: id, bucket: 'photos', prefix: '' } });
    await call(COMMAND.cancel, { id: 'item1' });
    expect(engine.callsTo('cancel')).toEqual([['item1']]);
    await expect(call(COMMAND.remove, { id: 'item1' })).rejects.toThrow(/not-allowed/);
    await expect(call(COMMAND.cancel, { id: 'nope' })).rejects.toThrow(/not-found/);
    engine.setState('item1', {
      kind: 'failed',
      error: { code: 'NoSuchBucket', message: 'no bucket photos' },
      cleanup: 'none-needed',
    });
    await call(COMMAND.retry, { id: 'item1' });
    expect(engine.callsTo('retry')[0]![1]).toMatchObject({ bucket: 'photos', prefix: 'c.txt' });
  });

  it('snapshot carries the items, totals and the seq of the last batch', async () => {
    const snapshot = (await call(COMMAND.snapshot, undefined)) as { seq: number; items: unknown[] };
    expect(snapshot).toMatchObject({ seq: 0, items: [], conflict: null });
  });
});

describe('existing keys', () => {
  beforeEach(async () => {
    services.dispose();
    await setup(true);
  });

  it('asks, and keeps both under a free suffixed key when told to', async () => {
    const id = await saveProfile();
    await mkdir(join(dir, 'album'));
    await writeFile(join(dir, 'album', 'a.jpg'), 'a');
    await writeFile(join(dir, 'album', 'b.jpg'), 'b');
    await writeFile(join(dir, 'album', 'c.jpg'), 'c');
    engine.presentKeys = new Set(['inbox/album/a.jpg', 'inbox/album/b.jpg', 'inbox/album/a (1).jpg']);
    const adding = call(COMMAND.addDropped, {
      paths: [join(dir, 'album')],
      target: { profileId: id, bucket: 'photos', prefix: 'inbox/' },
    });
    await vitestWaitFor(() => sent.some((m) => m.channel === EVENT.conflict));
    const question = sent.find((m) => m.channel === EVENT.conflict)!.payload as {
      id: string;
      key: string;
      remaining: number;
    };
    expect(question).toMatchObject({ key: 'inbox/album/a.jpg', remaining: 1 });
    expect((await call(COMMAND.snapshot, undefined)) as object).toMatchObject({ conflict: { id: question.id } });
    await call(COMMAND.answerConflict, { questionId: question.id, choice: 'keep-both', applyToRest: true });
    const result = await adding;
    expect(result).toMatchObject({ added: 3, renamed: 2, skipped: 0 });
    const prefixes = [...engine.items.values()].map((i) => i.key);
    // c.jpg conflicts with nothing: it was queued before the question, the renamed copies after the answer.
    expect(prefixes).toEqual(['inbox/album/c.jpg', 'inbox/album/a (2).jpg', 'inbox/album/b (1).jpg']);
    expect(sent.filter((m) => m.channel === EVENT.conflict)).toHaveLength(1);
  });

  it('skips when told to, and adds untouched sources in one call', async () => {
    const id = await saveProfile();
    await writeFile(join(dir, 'old.txt'), 'o');
    await writeFile(join(dir, 'new.txt'), 'n');
    engine.presentKeys = new Set(['old.txt']);
    const adding = call(COMMAND.addDropped, {
      paths: [join(dir, 'old.txt'), join(dir, 'new.txt')],
      target: { profileId: id, bucket: 'photos', prefix: '' },
    });
    await vitestWaitFor(() => services.conflicts.pending() !== null);
    await call(COMMAND.answerConflict, {
      questionId: services.conflicts.pending()!.id,
      choice: 'skip',
      applyToRest: false,
    });
    expect(await adding).toMatchObject({ added: 1, skipped: 1 });
    expect(engine.callsTo('add')).toEqual([[[join(dir, 'new.txt')], expect.objectContaining({ prefix: '' })]]);
  });
});

describe('cancel all while a question is open', () => {
  beforeEach(async () => {
    services.dispose();
    await setup(true);
  });

  it('adds nothing more from that batch: the file asked about is counted as not added', async () => {
    const id = await saveProfile();
    await writeFile(join(dir, 'old.txt'), 'o');
    await writeFile(join(dir, 'new.txt'), 'n');
    engine.presentKeys = new Set(['old.txt']);
    const adding = call(COMMAND.addDropped, {
      paths: [join(dir, 'old.txt'), join(dir, 'new.txt')],
      target: { profileId: id, bucket: 'photos', prefix: '' },
    });
    await vitestWaitFor(() => services.conflicts.pending() !== null);
    await call(COMMAND.cancelAll, null);
    // new.txt conflicts with nothing and was queued at once (the engine's cancelAll cancels it); old.txt never is.
    expect(await adding).toMatchObject({ added: 1, stopped: 1 });
    expect(engine.callsTo('add').map(([paths]) => paths)).toEqual([[join(dir, 'new.txt')]]);
    expect(engine.callsTo('cancelAll')).toHaveLength(1);
    expect(services.conflicts.pending()).toBeNull();
  });
});

describe('secrets', () => {
  it('never sends the secret to the renderer, in events or answers', async () => {
    const answers: unknown[] = [];
    const id = await saveProfile();
    answers.push(await call(COMMAND.getSettings, undefined));
    answers.push(await call(COMMAND.saveProfile, { ...profile, id, name: 'Renamed' }));
    answers.push(await call(COMMAND.selectTarget, { profileId: id, bucket: 'photos', prefix: 'a/' }));
    answers.push(await call(COMMAND.testConnection, { profile: { ...profile, id, secret: undefined } }));
    answers.push(await call(COMMAND.listNotices, undefined));
    answers.push(await call(COMMAND.snapshot, undefined));
    const everything = JSON.stringify({ answers, sent });
    expect(everything).not.toContain(SECRET);
    expect(everything).toContain('"secretSet":true');
    // The stored secret was still used for the test.
    expect(engine.callsTo('testConnection')[0]![0]).toMatchObject({ credentials: { secretAccessKey: SECRET } });
  });
});

async function vitestWaitFor(check: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
