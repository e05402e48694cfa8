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
  /**
   * Bytes the server has confirmed: parts it answered (or found listed on a resume), the whole file once done. It
   * never falls while the upload lives (a pause, a dropped network or a cancel keep it); it is 0 again only when a
   * retry starts the file over. The bar's solid part and the percent shown.
   */
  confirmed: number;
  /** confirmed plus the bytes in flight (sent, not yet answered): the bar's lighter part. Falls when a request fails. */
  loaded: number;
  /** Moving average; 0 when idle. */
  bytesPerSecond: number;
  /** Seconds left at the current speed, or null when unknown. */
  etaSeconds: number | null;
  state: UploadState;
  /** When the item was added (ms since epoch). */
  addedAt: number;
}

/** Size and modification time of a file or an object; modifiedAt in ms since the epoch, null when not known. */
export interface FileFacts {
  size: number;
  modifiedAt: number | null;
}

/** Totals for the header and the taskbar. */
export interface QueueTotals {
  count: number;
  active: number;
  queued: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Sums over the items that count toward the overall bar (cancelled ones do not). */
  confirmed: number;
  loaded: number;
  total: number;
  bytesPerSecond: number;
}
