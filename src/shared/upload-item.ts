import type { UploadState } from './upload-state';

/** What the queue shows for one file. The engine owns these; everyone else gets copies. */
export interface UploadItem {
  id: string;
  /** Display name: the path relative to the dropped folder, or the file's base name. */
  name: string;
  bucket: string;
  key: string;
  /** Bytes in the file (as of the last stat). */
  total: number;
  /** Bytes acknowledged as sent for this file: rises while bytes go out, taken back when a part is retried. */
  loaded: number;
  /** Moving average; 0 when idle. */
  bytesPerSecond: number;
  /** Seconds left at the current speed, or null when unknown. */
  etaSeconds: number | null;
  state: UploadState;
  /** When the item was added (ms since epoch). */
  addedAt: number;
}

/** Totals for the header and the taskbar. */
export interface QueueTotals {
  count: number;
  active: number;
  queued: number;
  done: number;
  failed: number;
  cancelled: number;
  loaded: number;
  total: number;
  bytesPerSecond: number;
}
