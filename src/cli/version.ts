// The version printed by --version: package.json's, inlined into the bundle at build time.
import { version as packageVersion } from '../../package.json';

export const version: string = packageVersion;
