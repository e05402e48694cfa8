// Whether a file is still the one its upload started from. An upload of a file that changed meanwhile would mix two
// versions, so the job and its part loop look before each part and before completing.
import { stat } from 'node:fs/promises';
import { hoistError, type HoistError } from '../s3/errors';

/** The file's size and modification time as stat() saw them when the upload started. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** True if the file's size or modification time now differs from stamp, or it can no longer be read. */
export async function changedSince(path: string, stamp: FileStamp | undefined): Promise<boolean> {
  if (!stamp) return false;
  try {
    const st = await stat(path);
    return st.size !== stamp.size || st.mtimeMs !== stamp.mtimeMs;
  } catch {
    return true;
  }
}

export function changedError(path: string): HoistError {
  return hoistError('FileChanged', 'engineError.FileChanged', { file: path });
}

/** Rejects with FileChanged when the file differs from stamp. */
export async function throwIfChanged(path: string, stamp: FileStamp | undefined): Promise<void> {
  if (await changedSince(path, stamp)) throw changedError(path);
}
