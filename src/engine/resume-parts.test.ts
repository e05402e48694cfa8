import { describe, expect, it } from 'vitest';
import { MiB } from './limits';
import { keepListedParts } from './resume-parts';

describe('keepListedParts', () => {
  const size = 20 * MiB; // parts of 8, 8 and 4 MiB

  it('keeps the parts whose size matches the plan and counts their bytes', () => {
    const kept = keepListedParts([
      { PartNumber: 1, Size: 8 * MiB, ETag: '"a"' },
      { PartNumber: 3, Size: 4 * MiB, ETag: '"c"', ChecksumCRC32: 'AAAAAA==' },
    ], size, 8 * MiB);
    expect(kept.plan).toEqual({ partSize: 8 * MiB, partCount: 3 });
    expect([...kept.done.keys()]).toEqual([1, 3]);
    expect(kept.done.get(3)).toEqual({ PartNumber: 3, ETag: '"c"', ChecksumCRC32: 'AAAAAA==' });
    expect(kept.bytes).toBe(12 * MiB);
  });

  it('sends again a part of the wrong size, and ignores part numbers beyond the plan', () => {
    const kept = keepListedParts([
      { PartNumber: 2, Size: 5 * MiB, ETag: '"stray"' },
      { PartNumber: 4, Size: 8 * MiB, ETag: '"beyond"' },
      { Size: 8 * MiB, ETag: '"no number"' },
    ], size, 8 * MiB);
    expect(kept.done.size).toBe(0);
    expect(kept.bytes).toBe(0);
  });

  it('plans one part for an empty listing of a small file', () => {
    expect(keepListedParts([], 0, 8 * MiB).plan).toEqual({ partSize: 8 * MiB, partCount: 1 });
  });
});
