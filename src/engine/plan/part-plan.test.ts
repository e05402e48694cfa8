import { describe, expect, it } from 'vitest';
import { HoistError } from '../s3/errors';
import { GiB, MiB } from './limits';
import { partRange, planParts, validatePartSize } from './part-plan';

describe('planParts', () => {
  it('uses the requested part size when the file fits in 10,000 parts', () => {
    expect(planParts(41 * MiB, 8 * MiB, 'f')).toEqual({ partSize: 8 * MiB, partCount: 6 });
  });

  it('raises the part size to a whole MiB so that no upload needs more than 10,000 parts', () => {
    const size = 100 * GiB;
    const plan = planParts(size, 8 * MiB, 'f');
    expect(plan.partCount).toBeLessThanOrEqual(10_000);
    expect(plan.partSize % MiB).toBe(0);
    expect(plan.partSize).toBe(11 * MiB);
  });

  it('refuses a file that would need more than 10,000 parts of 5 GiB, naming it', () => {
    expect(() => planParts(10_000 * 5 * GiB + 1, 8 * MiB, '/data/huge.img')).toThrowError(
      /huge\.img.*10,000 parts of 5 GiB/,
    );
  });

  it('accepts the largest file S3 can hold', () => {
    expect(planParts(10_000 * 5 * GiB, 8 * MiB, 'f').partSize).toBe(5 * GiB);
  });

  it('gives the last part the remainder', () => {
    const plan = planParts(41 * MiB, 8 * MiB, 'f');
    expect(partRange(plan, 41 * MiB, 6)).toEqual({ partNumber: 6, start: 40 * MiB, end: 41 * MiB });
  });
});

describe('validatePartSize', () => {
  it('refuses parts under 5 MiB with a message that says what to use', () => {
    expect(() => validatePartSize(4 * MiB)).toThrowError(/below S3's minimum of 5 MiB/);
    expect(() => validatePartSize(4 * MiB)).toThrowError(HoistError);
  });
  it('refuses parts over 5 GiB', () => {
    expect(() => validatePartSize(6 * GiB)).toThrowError(/maximum of 5 GiB/);
  });
  it('accepts 5 MiB', () => {
    expect(() => validatePartSize(5 * MiB)).not.toThrow();
  });
});
