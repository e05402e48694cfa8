// Which keys of a drop are taken besides the objects the server already has: the keys of uploads still in the queue
// (not on the server yet, so the existence check does not see them), and the keys other adds in progress will write
// (queued a moment ago, or decided and waiting for their batch's last answer). A drop to one of them is asked about
// as to an existing object, and Keep both chooses a name that none of them takes.
//
// The engine's own plan already refuses two files of one drop with the same key (DuplicateKey); this is the same
// rule across drops. Keys are matched per server and bucket: the same bucket name on another endpoint is another
// bucket. An upload whose server is not known (put back in the queue with a profile since deleted) counts for all.
import type { AddResult, PlannedFile, UploadQueueApi } from '../../engine';
import { withSuffix } from '../../engine';
import { translate } from '../../shared/i18n';
import { endpointServer } from '../../shared/endpoint-identity';
import type { FileFacts } from '../../shared/ipc';
import type { Endpoint, Target } from '../../shared/target';
import { isCancellable, type UploadState } from '../../shared/upload-state';

/** The keys that exist, each with the object's size and date (null when the check cannot tell). */
export type ExistingKeys = (target: Target, keys: string[]) => Promise<Map<string, FileFacts | null>>;

/** The server a target's requests go to: keys are shared by the targets of one server and bucket (AWS is one). */
export function serverOf(endpoint: Pick<Endpoint, 'endpointUrl'>): string {
  return endpointServer(endpoint.endpointUrl ?? '');
}

/**
 * Whether an upload in this state may still write its key: queued, under way, paused or being paused, and also one
 * being failed or cancelled after its Complete went out (the server may finish it). A 'done' one has written it (the
 * existence check finds it); a cancelled or failed one writes nothing unless it is retried.
 */
export function mayStillWrite(state: UploadState): boolean {
  return isCancellable(state.kind) || state.kind === 'failing' || (state.kind === 'cancelling' && !!state.finishing);
}

/** The keys one add in progress will write at its server and bucket: seen by the other adds until released. */
export interface Claim {
  readonly server: string;
  readonly bucket: string;
  readonly keys: Set<string>;
}

export interface TakenKeys {
  /** An item of the queue, as it is added or put back: its key counts while it may still write it. */
  track(id: string, key: string): void;
  claim(target: Target): Claim;
  release(claim: Claim): void;
  /**
   * Which of keys at target unfinished uploads hold, each with the queued file's size (its date is not known here),
   * or the other adds in progress will write (facts null).
   */
  held(target: Target, own: Claim, keys: Iterable<string>): Map<string, FileFacts | null>;
  /**
   * Keep both: the file under a free "name (n).ext", its row named so too, claimed for own at once (two adds
   * answered at the same moment never get one name). Rejects when the names cannot be checked.
   */
  renamedCopy(existing: ExistingKeys, file: PlannedFile, target: Target, own: Claim): Promise<PlannedFile>;
}

/**
 * serverOfItem: the server an item of the queue writes to; undefined when not known. Items are looked up by key (one
 * engine.get each), never by walking the whole queue: Keep both for the rest of a large drop asks for each file.
 */
export function createTakenKeys(
  engine: Pick<UploadQueueApi, 'get'>,
  serverOfItem: (id: string) => string | undefined,
): TakenKeys {
  const claims = new Set<Claim>();
  /** The ids of the queue's items by key; an id the queue no longer has is dropped when met. */
  const byKey = new Map<string, Set<string>>();

  /** The queued file's facts when an unfinished upload to server and bucket holds key. */
  const queuedAt = (server: string, bucket: string, key: string): FileFacts | undefined => {
    const ids = byKey.get(key) ?? new Set<string>();
    for (const id of ids) {
      const item = engine.get(id);
      if (!item) ids.delete(id);
      if (!item || item.bucket !== bucket || !mayStillWrite(item.state)) continue;
      const its = serverOfItem(id);
      if (its === undefined || its === server) return { size: item.total, modifiedAt: null };
    }
    if (ids.size === 0) byKey.delete(key);
    return undefined;
  };

  return {
    track(id, key) {
      const ids = byKey.get(key) ?? new Set();
      byKey.set(key, ids.add(id));
    },
    claim(target) {
      const claim = { server: serverOf(target), bucket: target.bucket, keys: new Set<string>() };
      claims.add(claim);
      return claim;
    },
    release: (claim) => void claims.delete(claim),
    held(target, own, keys) {
      const server = serverOf(target);
      const others = [...claims].filter((c) => c !== own && c.server === server && c.bucket === target.bucket);
      const held = new Map<string, FileFacts | null>();
      for (const key of keys) {
        const queued = queuedAt(server, target.bucket, key);
        if (queued) held.set(key, queued);
        else if (others.some((c) => c.keys.has(key))) held.set(key, null);
      }
      return held;
    },
    async renamedCopy(existing, file, target, own) {
      const taken = (key: string) => own.keys.has(key) || this.held(target, own, [key]).size > 0;
      for (;;) {
        const key = await freeKey(existing, target, file.key, taken);
        // Another add may have claimed the name while it was being checked: then the next free one.
        if (taken(key)) continue;
        own.keys.add(key);
        return { ...file, key, name: renamedName(file.name, key) };
      }
    },
  };
}

/**
 * A free "name (n).ext" for Keep both: not on the server and not taken (the keys this add writes, the queue holds or
 * other adds will write). Candidates are checked 20 per call. A check that fails rejects: a name that could not be
 * checked may be an object's, which Keep both must not replace.
 */
async function freeKey(
  existing: ExistingKeys,
  target: Target,
  key: string,
  taken: (key: string) => boolean,
): Promise<string> {
  for (let start = 1; start < 1000; start += 20) {
    const candidates: string[] = [];
    for (let n = start; n < start + 20; n++) if (!taken(withSuffix(key, n))) candidates.push(withSuffix(key, n));
    const present = await existing(target, candidates);
    const free = candidates.find((c) => !present.has(c));
    if (free) return free;
  }
  return withSuffix(key, Date.now());
}

/** A renamed copy's row name: the file's folder path, with the new key's last segment ("album/beach (1).jpg"). */
function renamedName(name: string, key: string): string {
  const slash = name.lastIndexOf('/');
  return name.slice(0, slash + 1) + key.slice(key.lastIndexOf('/') + 1);
}

/** Keep both's file when the names could not be checked: told as not added, never sent under a name not checked. */
export function keepBothUnchecked(file: PlannedFile, bucket: string, error: unknown): AddResult['rejected'][number] {
  const params = { file: file.name, bucket, detail: error instanceof Error ? error.message : String(error) };
  const text = { key: 'add.keepBothUnchecked' as const, params };
  return { path: file.path, key: file.key, code: 'KeyCheckFailed', message: translate('en', text.key, params), text };
}
