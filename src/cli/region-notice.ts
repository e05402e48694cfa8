// The notice that a bucket's region was corrected (the engine's onRegionCorrected), printed once per bucket on
// stderr: the upload goes on in the right region, and the user learns which region to set to skip the detour.
import type { RegionNotice } from '../engine';
import { safeText } from './format';
import type { Output } from './report';

export interface RegionNotices {
  /** For EngineOptions.onRegionCorrected. */
  onRegionCorrected(notice: RegionNotice): void;
  /** Prints what was held while the live display ran (call after the reporter's finish). */
  flush(): void;
}

/**
 * Prints `hoist: <notice>` the first time each bucket is named. While a live display redraws its bars in place on
 * the terminal (`live`), a line written in between would be drawn over; so the notices wait for flush() then.
 */
export function regionNotices(err: Output, live: boolean): RegionNotices {
  const told = new Set<string>();
  const held: string[] = [];
  const write = (line: string): void => void err.write(`hoist: ${safeText(line)}\n`);
  return {
    onRegionCorrected(notice) {
      if (told.has(notice.bucket)) return;
      told.add(notice.bucket);
      if (live) held.push(notice.message);
      else write(notice.message);
    },
    flush() {
      for (const line of held.splice(0)) write(line);
    },
  };
}
