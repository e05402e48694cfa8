// What the engine does with a state change the transition table (upload-state.ts) does not allow. Such a change is a
// bug in the engine: under the tests it throws, so that the test fails where it happens; in the app and the CLI it is
// logged and the item keeps its state, as an upload must not be lost to a bookkeeping slip.
import type { UploadStateKind } from '../../shared/upload-state';

export function refuseTransition(key: string, from: UploadStateKind, to: UploadStateKind): void {
  const message = `Hoist engine: ${from} → ${to} is not an allowed transition (upload-state.ts), for ${key}.`;
  if (process.env.VITEST) throw new Error(message);
  console.error(message);
}
