// Where the destination browser is and what it has loaded there, as plain data and pure steps, so that the dialog's
// components only show it. A folder's page is kept as it grows ("Load more"); going elsewhere starts afresh.
import type { FolderListing } from '../../../shared/ipc';

/** The bucket list, or a folder of a bucket ('' for its top, else ending in '/'). */
export type Place = { kind: 'buckets' } | { kind: 'folder'; bucket: string; prefix: string };

export type BucketsState =
  | { kind: 'loading' }
  | { kind: 'listed'; buckets: { name: string; createdAt: number | null }[] }
  /** The keys may not list buckets: a name is typed instead, and no error is shown. */
  | { kind: 'refused' }
  | { kind: 'failed'; message: string };

/** Whether the folder has more on the server than is shown, and what asking for it did. */
export type MoreState =
  | { kind: 'none' }
  | { kind: 'available'; token: string }
  | { kind: 'loading'; token: string }
  | { kind: 'failed'; token: string; message: string };

export type FolderState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'shown'; folders: string[]; objects: FolderListing['objects']; more: MoreState };

/** The folder as the dialog opens on: the target bar's bucket and prefix when they are usable, else the bucket list. */
export function startPlace(bucket: string, prefix: string, bucketUsable: boolean, prefixUsable: boolean): Place {
  if (!bucketUsable) return { kind: 'buckets' };
  return { kind: 'folder', bucket, prefix: prefixUsable ? asFolder(prefix) : '' };
}

/** "photos" names the folder "photos/", as the target bar reads it; '' stays the bucket's top. */
export function asFolder(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** One step up: the folder above, the bucket's top, then the bucket list. */
export function parentOf(place: Place): Place {
  if (place.kind === 'buckets') return place;
  if (place.prefix === '') return { kind: 'buckets' };
  const inner = place.prefix.slice(0, -1);
  const cut = inner.lastIndexOf('/');
  return { kind: 'folder', bucket: place.bucket, prefix: cut < 0 ? '' : inner.slice(0, cut + 1) };
}

/** A folder's own name, as a row shows it: "2024/" for "photos/2024/". */
export function folderName(folder: string, parent: string): string {
  return folder.startsWith(parent) ? folder.slice(parent.length) : folder;
}

/** The breadcrumbs of a place: each folder on the way down, with the prefix it opens. */
export function crumbsOf(prefix: string): { name: string; prefix: string }[] {
  const names = prefix.split('/').filter((n) => n !== '');
  return names.map((name, i) => ({ name, prefix: `${names.slice(0, i + 1).join('/')}/` }));
}

/** The page's first answer, or the next page added to what is shown. */
export function withPage(state: FolderState, page: FolderListing): FolderState {
  const more: MoreState = page.nextToken ? { kind: 'available', token: page.nextToken } : { kind: 'none' };
  if (state.kind !== 'shown') return { kind: 'shown', folders: page.folders, objects: page.objects, more };
  // A server may repeat a folder at a page boundary; it is shown once.
  const folders = [...state.folders, ...page.folders.filter((f) => !state.folders.includes(f))];
  return { kind: 'shown', folders, objects: [...state.objects, ...page.objects], more };
}

/** Folders made in this dialog ("New folder") that sit directly in prefix and that the server does not list yet. */
export function addedFoldersIn(added: readonly string[], prefix: string, listed: readonly string[]): string[] {
  const inside = (f: string) => f !== prefix && f.startsWith(prefix) && !f.slice(prefix.length, -1).includes('/');
  return added.filter((f) => inside(f) && !listed.includes(f));
}

/** What is wrong with a new folder's name, as a dictionary key; null when it can be used. */
export function newFolderProblem(name: string): 'browse.newFolderSlash' | 'browse.newFolderDots' | null {
  if (name.includes('/')) return 'browse.newFolderSlash';
  if (name === '.' || name === '..') return 'browse.newFolderDots';
  return null;
}

/**
 * A failed command's words for the dialog. Main's IpcError reads "<code>: <message>", and Electron puts "Error
 * invoking remote method …: " before that; the message after the code is what the user can act on.
 */
export function failureText(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const match = /(?:^|: )(?:server-error|not-allowed|not-found|invalid-profile|bad-payload): ([\s\S]*)$/.exec(raw);
  return match ? match[1]! : raw;
}
