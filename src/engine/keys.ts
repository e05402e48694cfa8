import { HoistError } from './errors';
import { S3_MAX_KEY_BYTES } from './limits';

/**
 * The key for a file: a prefix that is empty or ends in '/' keeps the relative name under it; any other prefix is
 * the exact key (meaningful for a single file only).
 */
export function keyFor(prefix: string, relativeName: string): string {
  const rel = relativeName.split(/[\\/]+/).filter(Boolean).join('/');
  if (prefix === '' || prefix.endsWith('/')) return prefix + rel;
  return prefix;
}

export function validateKey(key: string, fileName: string): void {
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > S3_MAX_KEY_BYTES) {
    throw new HoistError('KeyTooLong', `The key for ${fileName} is ${bytes} bytes; S3 allows at most 1,024. Use a shorter prefix or file name.`);
  }
  if (key.length === 0) {
    throw new HoistError('InvalidKey', `The key for ${fileName} is empty. Give a prefix ending in '/' or a key name.`);
  }
}
