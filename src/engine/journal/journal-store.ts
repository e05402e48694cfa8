// The record of every multipart upload Hoist has started and not yet finished or cleaned up, so that an upload
// survives a crash, a kill or a restart. One small file per upload, each replaced atomically (temp file, fsync,
// rename): a kill -9 at any moment loses at most the last part's record and never damages another entry.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { TEMP_SUFFIX, writeFileAtomically } from '../fs/atomic-write';
import type { ChecksumMode } from '../../shared/target';
import type { ObjectOptions } from '../../shared/object-options';
import { isObjectOptions } from '../../shared/object-options-shape';
import { CREATE_SUFFIX, createRecordName, isCreateRecord, type CreateRecord } from './create-record';

export interface JournalPart {
  partNumber: number;
  etag: string;
  checksumCRC32?: string;
}

export interface JournalEntry {
  version: 1;
  path: string;
  size: number;
  mtimeMs: number;
  /** Where it goes. Credentials are never written here. */
  endpointUrl?: string;
  region: string;
  forcePathStyle: boolean;
  checksum: ChecksumMode;
  /** The app's profile, so that the app can find the credentials again. */
  profileId?: string;
  bucket: string;
  key: string;
  uploadId: string;
  partSize: number;
  parts: JournalPart[];
  startedAt: number;
  /**
   * What the object gets besides its bytes, as the upload was started with (set on CreateMultipartUpload): a resume
   * that has to start over sets exactly the same. Missing in entries written before Hoist had options.
   */
  objectOptions?: ObjectOptions;
  /** The speed limit the upload ran under (bytes per second), if any: `hoist resume` keeps it unless told otherwise. */
  bytesPerSecond?: number;
  /** Parts sent at once for this file (cp's --concurrency), kept by `hoist resume`. */
  partsPerFile?: number;
  /**
   * An earlier attempt of this upload's CreateMultipartUpload went out at this time (ms, this machine's clock) and its
   * answer never came: the server may hold a second upload of the key that nobody knows the id of. A resume removes it
   * once the file is done, a discard along with this upload. Missing: there was none (or the entry is older).
   */
  unnamedSince?: number;
  /**
   * The user cancelled the upload and its cleanup could not be confirmed: the entry keeps it known, and a resume
   * discards it (aborted, verified), never continues it.
   */
  cancelled?: true;
  /**
   * The process that writes the entry (its pid and host, and when its machine started): while it runs, the upload is
   * its own, and another process (`hoist resume`, the app) does not take it for an interrupted one. Missing in entries
   * written before; bootedAt missing in entries written before it was recorded.
   */
  owner?: EntryOwner;
}

export interface EntryOwner {
  pid: number;
  host: string;
  /** When the machine started (ms since the epoch, to about a second): a pid from before a restart is no one's now. */
  bootedAt?: number;
}

/** When this machine started, from its clock and its uptime. */
export function machineBootedAt(now = Date.now(), up = uptime()): number {
  return Math.round(now - up * 1000);
}

/** A machine start this far from this one's is another start (the clock and uptime agree to well within it). */
const SAME_BOOT_MS = 60_000;

/** This process, as an entry's owner. */
export function thisProcess(): EntryOwner {
  return { pid: process.pid, host: hostname(), bootedAt: machineBootedAt() };
}

/**
 * Whether another process on this machine that is still running wrote the entry: its upload is under way there
 * (or paused in an app that is open). A process of another machine cannot be asked: its entries count as interrupted.
 */
export function ownedByAnotherLiveProcess(e: Pick<JournalEntry, 'owner'>, bootedAt = machineBootedAt()): boolean {
  const owner = e.owner;
  if (!owner || owner.pid === process.pid || owner.host !== hostname()) return false;
  // Written before the machine last started: its process is gone, and a process running under the same pid now (after
  // a crash and a restart pids are handed out again from the start) is another one, which would hide the upload.
  if (owner.bootedAt !== undefined && Math.abs(owner.bootedAt - bootedAt) > SAME_BOOT_MS) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether this process wrote the entry (not an earlier process of the same pid, before the machine last started). */
export function ownedByThisProcess(e: Pick<JournalEntry, 'owner'>, bootedAt = machineBootedAt()): boolean {
  const owner = e.owner;
  if (!owner || owner.pid !== process.pid || owner.host !== hostname()) return false;
  return owner.bootedAt === undefined || Math.abs(owner.bootedAt - bootedAt) <= SAME_BOOT_MS;
}

/**
 * Whether a create record's create may still be under way: its process runs (this one included), or it is another
 * machine's (a shared state folder), which cannot be asked, and an upload it makes could still appear.
 */
export function createUnderWay(r: CreateRecord, windowOpen: boolean): boolean {
  if (ownedByAnotherLiveProcess(r) || ownedByThisProcess(r)) return true;
  return r.owner !== undefined && r.owner.host !== hostname() && windowOpen;
}

/** Whether a parsed file is an entry this version can resume; optional fields, when present, must have their shape. */
function isEntry(e: JournalEntry): boolean {
  if (e.version !== 1 || !e.uploadId || !e.bucket || !e.key || !Array.isArray(e.parts)) return false;
  if (e.objectOptions !== undefined && !isObjectOptions(e.objectOptions)) return false;
  const positive = (n: unknown) => n === undefined || (typeof n === 'number' && Number.isFinite(n) && n > 0);
  const owner =
    e.owner === undefined ||
    (Number.isInteger(e.owner?.pid) &&
      typeof e.owner?.host === 'string' &&
      (e.owner.bootedAt === undefined || Number.isFinite(e.owner.bootedAt)));
  return (
    positive(e.bytesPerSecond) &&
    positive(e.partsPerFile) &&
    positive(e.unnamedSince) &&
    (e.cancelled === undefined || e.cancelled === true) &&
    owner
  );
}

/** A temp file untouched this long belongs to a write that was killed. */
const STALE_TEMP_MS = 10 * 60_000;

export class Journal {
  /** Where the entries are: the state folder's uploads/. */
  readonly dir: string;
  /** Writes to one entry are chained so that an older write can never land after a newer one. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(stateDir: string) {
    this.dir = join(stateDir, 'uploads');
  }

  static fileName(e: Pick<JournalEntry, 'bucket' | 'key' | 'uploadId'>): string {
    return `${createHash('sha256').update(`${e.bucket}\n${e.key}\n${e.uploadId}`).digest('hex').slice(0, 32)}.json`;
  }

  write(entry: JournalEntry): Promise<void> {
    const name = Journal.fileName(entry);
    const body = JSON.stringify(entry);
    return this.chain(name, () => writeFileAtomically(this.dir, name, body));
  }

  remove(entry: Pick<JournalEntry, 'bucket' | 'key' | 'uploadId'>): Promise<void> {
    const name = Journal.fileName(entry);
    return this.chain(name, () => rm(join(this.dir, name), { force: true }));
  }

  writeCreate(record: CreateRecord): Promise<void> {
    const name = createRecordName(record);
    return this.chain(name, () => writeFileAtomically(this.dir, name, JSON.stringify(record)));
  }

  /** Where the record is kept: the file to delete to forget it. */
  createPath(record: CreateRecord): string {
    return join(this.dir, createRecordName(record));
  }

  removeCreate(record: CreateRecord): Promise<void> {
    const name = createRecordName(record);
    return this.chain(name, () => rm(join(this.dir, name), { force: true }));
  }

  /**
   * Every readable create record, oldest first. One that cannot be read is left alone (and out): it names no upload,
   * and the key's incomplete uploads can still be listed by hand (`hoist incomplete ls`).
   */
  async creates(): Promise<CreateRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const records: CreateRecord[] = [];
    for (const name of names.filter((n) => n.endsWith(CREATE_SUFFIX))) {
      try {
        const r = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as CreateRecord;
        if (isCreateRecord(r)) records.push(r);
      } catch {
        // Damaged, or removed meanwhile (its create answered in another process).
      }
    }
    return records.sort((a, b) => a.sentAt - b.sentAt);
  }

  /**
   * Every readable entry; a file that is not a valid entry (say, a stray temp file) is skipped, not fatal. A folder
   * that cannot be listed reads as empty too, so that the app still starts and uploads still go; unreadable() says why.
   */
  async list(): Promise<JournalEntry[]> {
    return (await this.read()).entries;
  }

  /**
   * The entry files that could not be read as entries (damaged, or written by a newer Hoist): list() leaves them out,
   * and `hoist resume` names them, since the uploads they recorded are not resumed or discarded by anything else.
   */
  async unreadableEntries(): Promise<string[]> {
    return (await this.read()).unreadable;
  }

  /**
   * The uploads the entries name, for a look that must spare them (an unanswered create's cleanup): rejects where the
   * folder cannot be listed or an entry cannot be read, since an upload it names would not be spared.
   */
  async namedUploads(): Promise<Set<string>> {
    const denied = await this.unreadable();
    if (denied) throw denied;
    const { entries, unreadable } = await this.read();
    if (unreadable.length > 0) throw new Error(`journal entries that cannot be read: ${unreadable.join(', ')}`);
    return new Set(entries.map((e) => e.uploadId));
  }

  private async read(): Promise<{ entries: JournalEntry[]; unreadable: string[] }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return { entries: [], unreadable: [] };
    }
    await this.removeStaleTemps(names.filter((n) => n.endsWith(TEMP_SUFFIX)));
    const entries: JournalEntry[] = [];
    const unreadable: string[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      try {
        const e = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as JournalEntry;
        if (isEntry(e)) entries.push(e);
        else unreadable.push(join(this.dir, name));
      } catch (err) {
        // Half-written files cannot exist (writes are renamed into place), but a file may be damaged or vanish. One
        // removed meanwhile (its upload finished in another process) is simply gone.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') unreadable.push(join(this.dir, name));
      }
    }
    return { entries: entries.sort((a, b) => a.startedAt - b.startedAt), unreadable };
  }

  /**
   * Why the journal's folder cannot be listed (the state folder is a file, or may not be read), or undefined when it
   * can, or does not exist (nothing was journaled there). `hoist resume` asks: where list() found nothing because of
   * such an error, "nothing to resume" would hide the uploads it cannot see.
   */
  async unreadable(): Promise<NodeJS.ErrnoException | undefined> {
    try {
      await readdir(this.dir);
      return undefined;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return e.code === 'ENOENT' ? undefined : e;
    }
  }

  /** Temp files a kill left behind mid-write. Only old ones: a young one may be another process's write under way. */
  private async removeStaleTemps(temps: string[]): Promise<void> {
    for (const name of temps) {
      const path = join(this.dir, name);
      const st = await stat(path).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true }).catch(() => undefined);
    }
  }

  private chain(name: string, step: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(name) ?? Promise.resolve()).then(step, step);
    this.chains.set(name, next);
    // Both ways, so that a failed step rejects only for the caller that awaits it, not as an unhandled rejection too.
    const forget = () => {
      if (this.chains.get(name) === next) this.chains.delete(name);
    };
    next.then(forget, forget);
    return next;
  }
}

/** Where the CLI keeps its journal when --state-dir is not given: $XDG_STATE_HOME/hoist or ~/.local/state/hoist. */
export function defaultStateDir(
  env: NodeJS.ProcessEnv = process.env,
  home = env.HOME ?? env.USERPROFILE ?? '.',
): string {
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'hoist', 'state');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'hoist', 'state');
  return join(env.XDG_STATE_HOME ?? join(home, '.local', 'state'), 'hoist');
}
