// The SSO sign-in's errors, worded from its dictionary part (src/shared/i18n/sso.ts): the English message for the
// CLI and the logs, and the key with its values for the window's language.
import { translate, type MessageParams } from '../../../shared/i18n';
import type { SsoMessageKey } from '../../../shared/i18n/sso';
import { HoistError } from '../errors';

export function ssoError(code: string, key: SsoMessageKey, params: MessageParams): HoistError {
  return new HoistError(code, translate('en', key, params), { key, params });
}
