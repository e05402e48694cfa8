// For the tests beside the code (not a test file itself): an upload item as the engine adds one, nothing sent yet.
import type { UploadItem } from './upload-item';
import type { UploadState } from './upload-state';

/** An item named `${id}.bin` in bucket "b"; patch sets any other field. */
export function testItem(id: string, state: UploadState, patch: Partial<UploadItem> = {}): UploadItem {
  return {
    id,
    name: `${id}.bin`,
    bucket: 'b',
    key: `${id}.bin`,
    total: 100,
    confirmed: 0,
    loaded: 0,
    bytesPerSecond: 0,
    etaSeconds: null,
    state,
    addedAt: 0,
    ...patch,
  };
}
