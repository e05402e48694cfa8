// A settings file that exists but cannot be read at start (EACCES; on Windows EBUSY or EPERM while an antivirus or a
// sync app holds it) is never written over: the store starts with defaults, says so, and refuses every change for
// the session. A corrupt file is moved aside (never over an earlier backup); one that cannot be moved is kept as well.
// The process runs as root here, so chmod would not stop a read: node:fs/promises is wrapped to fail on request.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../shared/i18n';
import type { Notice } from '../../shared/ipc';
import { noticeMessageIn } from '../../shared/message-text';
import { createNoticeCenter, type NoticeCenter } from '../notices';
import { createFakeSecretBox } from '../testing/fake-secret-box';
import { testProfileInput } from '../testing/test-profile';
import { openSettingsStore } from './settings-store';

const faults = vi.hoisted(() => ({
  /** The next readFile of a path ending in this name fails with this code (once). */
  read: null as { name: string; code: string } | null,
  /** Every rename to a path containing this text fails with this code. */
  rename: null as { contains: string; code: string } | null,
}));

function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EBUSY: 'resource busy or locked',
    EPERM: 'operation not permitted',
  };
  return Object.assign(new Error(`${code}: ${words[code] ?? 'failed'}, ${syscall} '${path}'`), { code, syscall, path });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const wrapped = {
    ...real,
    readFile: (async (path: unknown, ...rest: unknown[]) => {
      const fault = faults.read;
      if (fault && typeof path === 'string' && path.endsWith(fault.name)) {
        faults.read = null;
        throw fsError(fault.code, 'open', path);
      }
      return (real.readFile as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as typeof real.readFile,
    rename: (async (from: string, to: string) => {
      const fault = faults.rename;
      if (fault && to.includes(fault.contains)) throw fsError(fault.code, 'rename', from);
      return real.rename(from, to);
    }) as typeof real.rename,
  };
  return { ...wrapped, default: wrapped };
});

const STAMP = '2025-03-04T05-06-07-089Z';
let dir: string;
let file: string;
let notices: NoticeCenter;
const box = createFakeSecretBox('keychain');
const open = () =>
  openSettingsStore({ file, secretBox: box, notices, now: () => new Date('2025-03-04T05:06:07.089Z') });
const profile = (name: string, secret: string) =>
  testProfileInput({ name, bucket: `bucket-${name.toLowerCase()}`, secret });
/** A notice's words as the window shows them in language (NoticeBar: notice.<kind> with its params). */
const shown = (n: Notice, language: 'en' | 'ja') =>
  translate(
    language,
    `notice.${n.kind}` as never,
    noticeMessageIn(n.params, (k, p) => translate(language, k, p)),
  );

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoist-unreadable-'));
  file = join(dir, 'settings.json');
  notices = createNoticeCenter();
  faults.read = null;
  faults.rename = null;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Profiles A, B and C with their encrypted secrets, saved the ordinary way. */
async function threeProfiles(): Promise<string> {
  const store = await open();
  for (const name of ['A', 'B', 'C']) await store.saveProfile(profile(name, `secret-of-${name}`));
  await store.setLanguage('ja');
  notices = createNoticeCenter();
  return readFile(file, 'utf8');
}

/** After a restart that reads the file: every profile is there, with its secret. */
async function expectAllThree(): Promise<void> {
  notices = createNoticeCenter();
  const again = await open();
  expect(again.view().profiles.map((p) => p.name)).toEqual(['A', 'B', 'C']);
  expect(again.view().language).toBe('ja');
  for (const p of again.view().profiles)
    expect(again.endpointOf(p.id).credentials?.secretAccessKey).toBe(`secret-of-${p.name}`);
  expect(notices.list()).toEqual([]);
}

describe('a settings file that exists but cannot be read at start', () => {
  it.each(['EACCES', 'EBUSY', 'EPERM'])('(%s) is never written over: A, B and C survive a save', async (code) => {
    const before = await threeProfiles();
    faults.read = { name: 'settings.json', code };
    const store = await open();
    expect(store.view().profiles).toEqual([]);

    // The user, seeing no profiles, adds one again.
    const outcome = await store.saveProfile(profile('D', 'secret-of-D')).then(
      () => 'saved',
      (error: Error) => error,
    );

    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['settings.json']);
    await expectAllThree();

    // Refused, saying which file, why, and what to do; nothing changed in memory either.
    expect(outcome).toBeInstanceOf(Error);
    const refusal = (outcome as Error).message;
    expect(refusal).toMatch(/^not-allowed: /);
    expect(refusal).toContain(file);
    expect(refusal).toContain(`${code}: `);
    expect(refusal).toMatch(/permissions/);
    expect(refusal).toMatch(/restart Hoist/);
    expect(store.view().profiles).toEqual([]);
  });

  it('says so at start, naming the file, the error and what to do, in the window’s language', async () => {
    await threeProfiles();
    faults.read = { name: 'settings.json', code: 'EACCES' };
    await open();
    const list = notices.list();
    expect(list).toHaveLength(1);
    const notice = list[0]!;
    expect(notice.level).toBe('error');
    expect(notice.kind).not.toBe('settings-unwritable'); // it was a read that failed, not a save
    const en = shown(notice, 'en');
    expect(en).toContain(file);
    expect(en).toContain(`EACCES: permission denied, open '${file}'`);
    expect(en).not.toMatch(/could not be saved/i);
    expect(en).toMatch(/could not be read/);
    expect(en).toMatch(/restart Hoist/);
    const ja = shown(notice, 'ja');
    expect(ja).toContain(file);
    expect(ja).toContain('EACCES');
    expect(ja).toMatch(/再起動/);
    expect(ja).not.toBe(en);
  });

  it('refuses every other change as well, and writes nothing', async () => {
    const before = await threeProfiles();
    faults.read = { name: 'settings.json', code: 'EBUSY' };
    const store = await open();
    const changed = vi.fn();
    store.onChange(changed);
    await expect(store.setLanguage('en')).rejects.toThrow(/^not-allowed: .*EBUSY/);
    await expect(store.setWeakStorage(true)).rejects.toThrow(/^not-allowed: /);
    expect(store.view().language).toBe('system');
    expect(store.view().secretStorage.allowWeak).toBe(false);
    expect(await store.learnRegion('bucket-a', 'us-east-1', 'eu-west-3')).toEqual([]);
    expect(changed).not.toHaveBeenCalled();
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['settings.json']);
    await expectAllThree();
  });

  it('a missing file is still created by the first save', async () => {
    const store = await open();
    await store.saveProfile(profile('A', 'secret-of-A'));
    expect(JSON.parse(await readFile(file, 'utf8')).profiles).toHaveLength(1);
    expect(notices.list()).toEqual([]);
  });
});

describe('a corrupt settings file', () => {
  const CORRUPT = '{"version":1,"profiles":[{"id":';

  it('that cannot be moved aside is kept: the store refuses changes rather than write over it', async () => {
    await writeFile(file, CORRUPT);
    faults.rename = { contains: '.corrupt-', code: 'EPERM' };
    const store = await open();
    expect(store.view().profiles).toEqual([]);
    await expect(store.saveProfile(profile('D', 'secret-of-D'))).rejects.toThrow(/^not-allowed: .*EPERM/);
    expect(await readFile(file, 'utf8')).toBe(CORRUPT);
    expect(await readdir(dir)).toEqual(['settings.json']);

    const list = notices.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.level).toBe('error');
    const en = shown(list[0]!, 'en');
    expect(en).toContain(file);
    expect(en).toMatch(/could not be understood/);
    expect(en).toContain('EPERM');
    expect(en).toMatch(/restart Hoist/);
    expect(shown(list[0]!, 'ja')).toContain(file);
  });

  it('is moved aside without replacing an earlier backup of the same name', async () => {
    const earlier = join(dir, `settings.json.corrupt-${STAMP}`);
    await writeFile(earlier, 'the earlier backup');
    await writeFile(file, CORRUPT);
    const store = await open();
    expect(await readFile(earlier, 'utf8')).toBe('the earlier backup');
    const movedTo = notices.list()[0]!.params.movedTo!;
    expect(movedTo).not.toBe(`settings.json.corrupt-${STAMP}`);
    expect(movedTo.startsWith(`settings.json.corrupt-${STAMP}`)).toBe(true);
    expect(await readFile(join(dir, movedTo), 'utf8')).toBe(CORRUPT);

    // The first save then writes a new file; both backups stay.
    await store.saveProfile(profile('A', 'secret-of-A'));
    expect((await readdir(dir)).sort()).toEqual(['settings.json', `settings.json.corrupt-${STAMP}`, movedTo].sort());
  });
});
