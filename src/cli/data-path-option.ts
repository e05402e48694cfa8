// --data-path sdk|lean, for the commands that send file bytes (cp and resume): the lean path by default, the AWS
// SDK's own pipeline as a fallback for a provider the lean path does not suit.
import { DATA_PATH_KINDS, type DataPathKind } from '../engine';
import { UsageError, type OptionSpecs } from './args';

export const DATA_PATH_OPTIONS: OptionSpecs = {
  'data-path': { type: 'string' },
};

/** The --data-path given, checked; undefined when it was not given (the engine's default, lean). */
export function dataPathFrom(values: Record<string, unknown>, command: string): DataPathKind | undefined {
  const given = values['data-path'];
  if (given === undefined) return undefined;
  const kind = DATA_PATH_KINDS.find((k) => k === given);
  if (!kind) {
    throw new UsageError(`--data-path must be ${DATA_PATH_KINDS.join(' or ')} (got "${String(given)}").`, command);
  }
  return kind;
}
