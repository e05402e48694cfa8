// Messages about credentials, proxies and regions (named AWS profiles, SSO, assume-role, credential_process), English
// and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese object must have every
// English key (its type checks it).

export const credentialsEn = {
  'field.regionHintAws': "Blank: Hoist finds the bucket's region and remembers it.",
  'notice.region-corrected':
    'The bucket {bucket} is in {region}, not {asked}: Hoist sent the requests there and the profile {profiles} now names {region}.',
  'credentials.profile.missing':
    'The AWS profile "{profile}" is in neither {config} nor {credentials}. Check the name, or create it with: aws configure --profile {profile}',
  'credentials.profile.noCredentials':
    'The AWS profile "{profile}" in {file} holds no credentials: give it aws_access_key_id and aws_secret_access_key, credential_process, role_arn, or SSO settings.',
  'credentials.profile.missingSource':
    'The AWS profile "{profile}" in {file} takes its keys from source_profile "{source}", which is in neither {config} nor {credentials}.',
  'credentials.profile.missingSsoSession':
    'The AWS profile "{profile}" in {file} names sso_session "{session}", but {config} has no [sso-session {session}] section.',
  'credentials.profile.incompleteStatic': 'The AWS profile "{profile}" in {file} has no {missing}.',
  'credentials.file.unreadable': 'The AWS config file {file} cannot be read ({code}). Check its permissions.',
  'credentials.process.failed':
    'The credential_process of AWS profile "{profile}" (in {file}) did not give credentials: {detail}',
  'credentials.sso.expired':
    'The SSO sign-in of AWS profile "{profile}" is missing or has expired. Sign in again with: aws sso login --profile {profile}',
  'credentials.assumeRole.failed': 'Assuming the role of AWS profile "{profile}" (in {file}) failed: {detail}',
  'credentials.profile.failed': 'No credentials from AWS profile "{profile}" (in {file}): {detail}',
  'credentials.proxy.invalid':
    'The proxy "{url}" (from {source}) is not an http:// or https:// URL with a host. Fix or unset {source}.',
  'credentials.region.corrected':
    'Bucket "{bucket}" is in region {region}, not {asked}: Hoist sends its requests to {region}. Set the region to {region} to skip this check.',
  'credentials.check.canList': 'Connected to {endpoint}; bucket "{bucket}" is reachable and can be listed.',
  'credentials.check.listDenied':
    'Connected to {endpoint}, but listing bucket "{bucket}" is denied (s3:ListBucket). Uploads may still work: they need only s3:PutObject and the multipart calls.',
  // ---- Settings: the credential source, the AWS profile list and the proxy field (the app's side of issue 19) ----
  'credsUi.legend': 'Credentials',
  'credsUi.source.access-key': 'Access key',
  'credsUi.source.aws-profile': 'AWS profile',
  'credsUi.source.default-chain': 'Default chain',
  'credsUi.sessionToken': 'Session token (optional)',
  'credsUi.sessionTokenHint':
    'Only for temporary keys (IDs starting with ASIA). Saved like the secret. Token: {status}',
  'credsUi.sessionTokenPlaceholderSet': 'Type a new token to replace it',
  'credsUi.sessionTokenClear': 'Forget the stored session token',
  'credsUi.awsProfile': 'Named profile',
  'credsUi.awsProfileOption': '{name} ({kind})',
  'credsUi.awsProfileOptionRegion': '{name} ({kind}, {region})',
  'credsUi.awsProfileNotListed': '{name} (not in the AWS config files)',
  'credsUi.awsProfileLoading': 'Reading the AWS config files…',
  'credsUi.awsProfileNone':
    'No profiles in ~/.aws/config or ~/.aws/credentials. Create one with “aws configure --profile NAME” or “aws configure sso”, then press Reload.',
  'credsUi.awsProfileReload': 'Reload',
  'credsUi.awsProfileShared':
    'Read from ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE) each time Hoist connects. The hoist CLI (--profile) and the AWS CLI use the same profiles and the same SSO sign-in.',
  'credsUi.kind.static': 'access keys',
  'credsUi.kind.process': 'credential process',
  'credsUi.kind.assume-role': 'role',
  'credsUi.kind.sso': 'SSO',
  'credsUi.kind.other': 'no credentials',
  'credsUi.chainExplain':
    'Hoist uses the standard AWS credentials, in this order: the environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE), the default profile of ~/.aws/credentials and ~/.aws/config, web identity, then the container or instance role.',
  'credsUi.proxyUrl': 'Proxy URL',
  'credsUi.proxyHint': 'Empty: the system’s proxy settings. For example http://proxy.example.com:3128',
  'v.accessKeyIdRequired': 'Enter the access key ID, or choose AWS profile or Default chain.',
  'v.sessionToken': 'A session token has no spaces and at most 8,192 characters.',
  'v.sessionTokenAgain':
    'The endpoint now points to another server. Type the session token again (Hoist does not send a saved token to a new server), or forget it.',
  'v.awsProfileRequired': 'Choose an AWS profile.',
  'v.awsProfileName': 'AWS profile names use letters, digits and - _ . @ + % : / only.',
  'v.proxyUrl': 'Enter a proxy URL starting with http:// or https://, or leave it empty for the system’s proxy.',
  'v.proxyCredentials': 'Leave the user name and password out of the proxy URL.',
  'v.proxyPath': 'Give only the scheme, the host and the port, e.g. http://proxy.example.com:3128.',
} as const;

export const credentialsJa: Record<keyof typeof credentialsEn, string> = {
  'field.regionHintAws': '空欄の場合：Hoist がバケットのリージョンを調べて記憶します。',
  'notice.region-corrected':
    'バケット {bucket} は {asked} ではなく {region} にあります。リクエストはそちらに送り、プロファイル {profiles} のリージョンを {region} にしました。',
  'credentials.profile.missing':
    'AWS プロファイル「{profile}」は {config} にも {credentials} にもありません。名前を確認するか、次のコマンドで作成してください: aws configure --profile {profile}',
  'credentials.profile.noCredentials':
    '{file} の AWS プロファイル「{profile}」には認証情報がありません。aws_access_key_id と aws_secret_access_key、credential_process、role_arn、または SSO の設定を追加してください。',
  'credentials.profile.missingSource':
    '{file} の AWS プロファイル「{profile}」は source_profile「{source}」の鍵を使いますが、そのプロファイルは {config} にも {credentials} にもありません。',
  'credentials.profile.missingSsoSession':
    '{file} の AWS プロファイル「{profile}」は sso_session「{session}」を指定していますが、{config} に [sso-session {session}] セクションがありません。',
  'credentials.profile.incompleteStatic': '{file} の AWS プロファイル「{profile}」に {missing} がありません。',
  'credentials.file.unreadable': 'AWS 設定ファイル {file} を読み取れません（{code}）。アクセス権を確認してください。',
  'credentials.process.failed':
    'AWS プロファイル「{profile}」（{file}）の credential_process から認証情報を取得できませんでした: {detail}',
  'credentials.sso.expired':
    'AWS プロファイル「{profile}」の SSO サインインがないか、期限切れです。次のコマンドでサインインし直してください: aws sso login --profile {profile}',
  'credentials.assumeRole.failed':
    'AWS プロファイル「{profile}」（{file}）のロールを引き受けられませんでした: {detail}',
  'credentials.profile.failed': 'AWS プロファイル「{profile}」（{file}）から認証情報を取得できませんでした: {detail}',
  'credentials.proxy.invalid':
    'プロキシ「{url}」（{source}）は、ホストを含む http:// または https:// の URL ではありません。{source} を修正するか、解除してください。',
  'credentials.region.corrected':
    'バケット「{bucket}」のリージョンは {asked} ではなく {region} です。Hoist は {region} にリクエストを送ります。この確認を省くには、リージョンを {region} に設定してください。',
  'credentials.check.canList': '{endpoint} に接続しました。バケット「{bucket}」にアクセスでき、一覧も取得できます。',
  'credentials.check.listDenied':
    '{endpoint} に接続しましたが、バケット「{bucket}」の一覧の取得が拒否されました（s3:ListBucket）。アップロードは可能な場合があります。必要なのは s3:PutObject とマルチパートの呼び出しだけです。',
  // ---- Settings: the credential source, the AWS profile list and the proxy field (the app's side of issue 19) ----
  'credsUi.legend': '認証情報',
  'credsUi.source.access-key': 'アクセスキー',
  'credsUi.source.aws-profile': 'AWS プロファイル',
  'credsUi.source.default-chain': 'デフォルトチェーン',
  'credsUi.sessionToken': 'セッショントークン（任意）',
  'credsUi.sessionTokenHint':
    '一時的なキー（ID が ASIA で始まるもの）の場合だけ入力します。シークレットと同じように保存されます。トークン: {status}',
  'credsUi.sessionTokenPlaceholderSet': '置き換えるには新しいトークンを入力',
  'credsUi.sessionTokenClear': '保存されたセッショントークンを消去する',
  'credsUi.awsProfile': '名前付きプロファイル',
  'credsUi.awsProfileOption': '{name}（{kind}）',
  'credsUi.awsProfileOptionRegion': '{name}（{kind}、{region}）',
  'credsUi.awsProfileNotListed': '{name}（AWS の設定ファイルにありません）',
  'credsUi.awsProfileLoading': 'AWS の設定ファイルを読み込んでいます…',
  'credsUi.awsProfileNone':
    '~/.aws/config と ~/.aws/credentials にプロファイルがありません。「aws configure --profile 名前」または「aws configure sso」で作成してから、「再読み込み」を押してください。',
  'credsUi.awsProfileReload': '再読み込み',
  'credsUi.awsProfileShared':
    '接続のたびに ~/.aws/config と ~/.aws/credentials（または AWS_CONFIG_FILE と AWS_SHARED_CREDENTIALS_FILE）から読み込みます。hoist CLI（--profile）と AWS CLI も同じプロファイルと同じ SSO サインインを使います。',
  'credsUi.kind.static': 'アクセスキー',
  'credsUi.kind.process': '認証プロセス',
  'credsUi.kind.assume-role': 'ロール',
  'credsUi.kind.sso': 'SSO',
  'credsUi.kind.other': '認証情報なし',
  'credsUi.chainExplain':
    'AWS の標準の認証情報を次の順に使います: 環境変数（AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、AWS_PROFILE）、~/.aws/credentials と ~/.aws/config の default プロファイル、Web ID、コンテナーまたはインスタンスのロール。',
  'credsUi.proxyUrl': 'プロキシ URL',
  'credsUi.proxyHint': '空欄: システムのプロキシ設定を使います。例: http://proxy.example.com:3128',
  'v.accessKeyIdRequired':
    'アクセスキー ID を入力するか、「AWS プロファイル」または「デフォルトチェーン」を選んでください。',
  'v.sessionToken': 'セッショントークンには空白を含められず、8,192 文字までです。',
  'v.sessionTokenAgain':
    'エンドポイントが別のサーバーを指すようになりました。セッショントークンを入力し直すか（保存済みのトークンを新しいサーバーには送りません）、消去してください。',
  'v.awsProfileRequired': 'AWS プロファイルを選んでください。',
  'v.awsProfileName': 'AWS プロファイル名に使えるのは英数字と - _ . @ + % : / だけです。',
  'v.proxyUrl':
    'http:// または https:// で始まるプロキシ URL を入力するか、システムのプロキシを使うには空欄にしてください。',
  'v.proxyCredentials': 'プロキシ URL にユーザー名とパスワードを含めないでください。',
  'v.proxyPath': 'スキーム、ホスト、ポートだけを入力してください（例: http://proxy.example.com:3128）。',
};
