// Checks and normalisations of an upload target that the engine applies when files are added or retried.
import type { Target } from '../../shared/target';
import { hoistError } from '../s3/errors';
import { validatePartSize } from './part-plan';
import { validateEndpointUrl } from '../s3/endpoint-checks';

/** A prefix that names a folder: blank, or ending in '/'. */
export function asFolder(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

export function validateTarget(target: Target): void {
  validateEndpointUrl(target.endpointUrl);
  if (target.partSize !== undefined) validatePartSize(target.partSize);
  if (!target.bucket) throw hoistError('InvalidBucket', 'engineError.noBucket');
}
