// S3's documented limits and Hoist's defaults, in one place.
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

export const S3_MIN_PART_SIZE = 5 * MiB;
export const S3_MAX_PART_SIZE = 5 * GiB;
export const S3_MAX_PARTS = 10_000;
export const S3_MAX_KEY_BYTES = 1024;

export const DEFAULT_PART_SIZE = 8 * MiB;
export const DEFAULT_MULTIPART_THRESHOLD = 8 * MiB;
export const DEFAULT_FILES_IN_PARALLEL = 3;
export const DEFAULT_PARTS_PER_FILE = 4;
