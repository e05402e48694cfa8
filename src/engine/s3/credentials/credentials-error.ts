// The HoistError of a credentials or connection setting that cannot work: the English message, and the key with its
// values for the window's language. Its own file so that the proxy agents (which word a bad proxy setting with it)
// and the profile provider (which makes its SDK clients go through those agents) do not import each other.
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import { HoistError } from '../errors';

/** The code of every credentials failure of a named profile: permanent, the same for every file of the run. */
export const PROFILE_ERROR_CODE = 'AwsProfileCredentials';

export function credentialsError(key: MessageKey, params: MessageParams, code = PROFILE_ERROR_CODE): HoistError {
  return new HoistError(code, translate('en', key, params), { key, params });
}
