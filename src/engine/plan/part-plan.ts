import { hoistError } from '../s3/errors';
import { S3_MAX_PART_SIZE, S3_MAX_PARTS, S3_MIN_PART_SIZE, MiB } from './limits';

export interface PartPlan {
  partSize: number;
  partCount: number;
}

export interface PartRange {
  partNumber: number;
  start: number;
  /** Exclusive. */
  end: number;
}

/** Checks a part size the user asked for; throws a HoistError naming the setting if S3 would refuse it. */
export function validatePartSize(partSize: number): void {
  if (!Number.isFinite(partSize) || partSize < S3_MIN_PART_SIZE) {
    throw hoistError('InvalidPartSize', 'engineError.partSize.small', { size: inMiB(partSize) });
  }
  if (partSize > S3_MAX_PART_SIZE) {
    throw hoistError('InvalidPartSize', 'engineError.partSize.large', { size: inMiB(partSize) });
  }
}

/**
 * Picks the part size for a file: the requested size, raised (to a whole MiB) so that the file fits in 10,000 parts.
 * A file that would need more than 10,000 parts of 5 GiB cannot be stored as one object.
 */
export function planParts(fileSize: number, requestedPartSize: number, fileName: string): PartPlan {
  validatePartSize(requestedPartSize);
  let partSize = requestedPartSize;
  if (Math.ceil(fileSize / partSize) > S3_MAX_PARTS) {
    partSize = Math.ceil(fileSize / S3_MAX_PARTS / MiB) * MiB;
  }
  if (partSize > S3_MAX_PART_SIZE) {
    throw hoistError('FileTooLarge', 'engineError.fileTooLarge', { file: fileName, size: inGiB(fileSize) });
  }
  return { partSize, partCount: Math.max(1, Math.ceil(fileSize / partSize)) };
}

export function partRange(plan: PartPlan, fileSize: number, partNumber: number): PartRange {
  const start = (partNumber - 1) * plan.partSize;
  return { partNumber, start, end: Math.min(fileSize, start + plan.partSize) };
}

/** The number of MiB, to two decimals at most: "5", "0.5" (the message adds the unit). */
function inMiB(bytes: number): number {
  return +(bytes / MiB).toFixed(2);
}

function inGiB(bytes: number): number {
  return +(bytes / (1024 * MiB)).toFixed(1);
}
