// Messages of the app's SSO sign-in (Settings, an AWS profile of kind SSO), English and Japanese. Merged into the one
// dictionary by i18n-en.ts and i18n-ja.ts; the Japanese object must have every English key (its type checks it).

export const ssoAppEn = {
  // The profile's cached sign-in, beside the chosen SSO profile ({time}: the window's short time, with the date when
  // it is not today).
  'ssoApp.state.checking': 'Checking the sign-in…',
  'ssoApp.state.valid': 'Signed in until {time}',
  'ssoApp.state.expired': 'Sign-in expired',
  'ssoApp.state.missing': 'Not signed in',
  'ssoApp.signIn': 'Sign in…',
  'ssoApp.cancel': 'Cancel',
  // The device sign-in.
  'ssoApp.starting': 'Asking the sign-in service for a code…',
  'ssoApp.codeLabel': 'Your code',
  'ssoApp.browserOpened':
    'A page opened in your browser. Check that it shows this code, then approve the sign-in there.',
  'ssoApp.openYourself': 'Open {url} in your browser and enter this code there.',
  'ssoApp.codeUntil': 'The code works until {time}.',
  'ssoApp.waiting': 'Waiting for you to confirm in the browser…',
  'ssoApp.signedIn': 'Signed in. Hoist’s command line and the AWS CLI use this sign-in too.',
  'ssoApp.cancelled': 'Sign-in cancelled. Nothing was saved.',
  'ssoApp.failed.denied':
    'The sign-in of AWS profile "{profile}" was denied in the browser. Choose Sign in… to try again.',
  'ssoApp.failed.expired':
    'The code expired before the sign-in of AWS profile "{profile}" was approved. Choose Sign in… for a new code.',
  'ssoApp.failed.network':
    'Could not reach the SSO sign-in service ({detail}). Check the network and the sso_region of AWS profile "{profile}", then choose Sign in… again.',
} as const;

export const ssoAppJa: Record<keyof typeof ssoAppEn, string> = {
  'ssoApp.state.checking': 'サインイン状態を確認しています…',
  'ssoApp.state.valid': '{time} までサインイン済み',
  'ssoApp.state.expired': 'サインインの期限切れ',
  'ssoApp.state.missing': 'サインインしていません',
  'ssoApp.signIn': 'サインイン…',
  'ssoApp.cancel': 'キャンセル',
  'ssoApp.starting': 'サインインサービスにコードを要求しています…',
  'ssoApp.codeLabel': 'コード',
  'ssoApp.browserOpened':
    'ブラウザーでページを開きました。このコードが表示されていることを確認してから、そこでサインインを承認してください。',
  'ssoApp.openYourself': 'ブラウザーで {url} を開き、このコードを入力してください。',
  'ssoApp.codeUntil': 'このコードは {time} まで有効です。',
  'ssoApp.waiting': 'ブラウザーでの確認を待っています…',
  'ssoApp.signedIn': 'サインインしました。Hoist のコマンドラインと AWS CLI もこのサインインを使います。',
  'ssoApp.cancelled': 'サインインをキャンセルしました。何も保存されていません。',
  'ssoApp.failed.denied':
    'AWS プロファイル「{profile}」のサインインがブラウザーで拒否されました。もう一度「サインイン…」を選んでください。',
  'ssoApp.failed.expired':
    'AWS プロファイル「{profile}」のサインインが承認される前にコードの期限が切れました。新しいコードを得るには「サインイン…」を選んでください。',
  'ssoApp.failed.network':
    'SSO サインインサービスに接続できませんでした（{detail}）。ネットワークと AWS プロファイル「{profile}」の sso_region を確認してから、もう一度「サインイン…」を選んでください。',
};
