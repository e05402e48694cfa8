// Messages of the SSO sign-in (hoist login, and the app's Sign in button later), English and Japanese. Merged into the
// one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese object must have every English key (its type checks it).

export const ssoEn = {
  // The profile cannot sign in through SSO (sso-login.ts, ssoLoginConfig).
  'sso.profile.notSso':
    'The AWS profile "{profile}" (in {file}) does not sign in through SSO: it has neither sso_session nor sso_start_url. Sign-in is only for SSO profiles; this one needs no sign-in.',
  'sso.profile.missingKey':
    'The AWS profile "{profile}" (in {file}) has no {key}. Add it to the profile, as in: {key} = {example}',
  'sso.session.missingKey':
    'The sso-session "{session}" of AWS profile "{profile}" (in {file}) has no {key}. Add it to [sso-session {session}], as in: {key} = {example}',
  // The sign-in itself.
  'sso.login.denied':
    'The sign-in of AWS profile "{profile}" was denied in the browser. Run hoist login --profile {profile} to try again.',
  'sso.login.expired':
    'The code {code} expired before the sign-in of AWS profile "{profile}" was approved. Run hoist login --profile {profile} for a new code.',
  'sso.oidc.unreachable':
    'Could not reach the SSO sign-in service at {endpoint}: {detail}. Check the network and the sso_region of AWS profile "{profile}".',
  'sso.oidc.refused': 'The SSO sign-in service at {endpoint} refused {operation} for AWS profile "{profile}": {detail}',
  'sso.cache.unwritable':
    'Signed in, but the sign-in could not be saved to {file} ({code}). Check that the folder can be written to.',
  // The expired or missing sign-in, with both commands that fix it (profile-provider.ts).
  'sso.expired':
    'The SSO sign-in of AWS profile "{profile}" is missing or has expired. Sign in again with: aws sso login --profile {profile} (or: hoist login --profile {profile})',
} as const;

export const ssoJa: Record<keyof typeof ssoEn, string> = {
  'sso.profile.notSso':
    'AWS プロファイル「{profile}」（{file}）は SSO でサインインしません（sso_session も sso_start_url もありません）。サインインは SSO プロファイルだけに必要です。',
  'sso.profile.missingKey':
    'AWS プロファイル「{profile}」（{file}）に {key} がありません。プロファイルに追加してください。例: {key} = {example}',
  'sso.session.missingKey':
    'AWS プロファイル「{profile}」（{file}）の sso-session「{session}」に {key} がありません。[sso-session {session}] に追加してください。例: {key} = {example}',
  'sso.login.denied':
    'AWS プロファイル「{profile}」のサインインがブラウザーで拒否されました。もう一度 hoist login --profile {profile} を実行してください。',
  'sso.login.expired':
    'AWS プロファイル「{profile}」のサインインが承認される前に、コード {code} の期限が切れました。新しいコードを得るには hoist login --profile {profile} を実行してください。',
  'sso.oidc.unreachable':
    'SSO サインインサービス {endpoint} に接続できませんでした: {detail}。ネットワークと、AWS プロファイル「{profile}」の sso_region を確認してください。',
  'sso.oidc.refused':
    'SSO サインインサービス {endpoint} が AWS プロファイル「{profile}」の {operation} を拒否しました: {detail}',
  'sso.cache.unwritable':
    'サインインしましたが、{file} に保存できませんでした（{code}）。フォルダーに書き込めるか確認してください。',
  'sso.expired':
    'AWS プロファイル「{profile}」の SSO サインインがないか、期限切れです。次のコマンドでサインインし直してください: aws sso login --profile {profile}（または hoist login --profile {profile}）',
};

export type SsoMessageKey = keyof typeof ssoEn;
