// Messages of the destination browser, English and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese
// object must have every English key (its type checks it).

export const browseEn = {
  // The engine's answers (engine/s3/browse.ts): a refused ListBuckets is not an error, the rest name bucket and endpoint.
  'browse.refused':
    'These credentials may not list the buckets at {endpoint} (ListBuckets was refused). Type the bucket name instead.',
  'browse.error.noSuchBucket':
    'Bucket "{bucket}" does not exist at {endpoint}. Check the bucket name, or pick another bucket.',
  'browse.error.listDenied':
    'Access denied listing bucket "{bucket}" at {endpoint}. Browsing needs s3:ListBucket on it; you can still type the prefix in the target bar.',
  'browse.error.unreachable':
    'Cannot reach {endpoint} ({code}) to list bucket "{bucket}". Check the endpoint URL in Settings and your network.',

  // The button beside the target bar's bucket and prefix.
  'browse.open': 'Browse…',
  'browse.openHint': 'Pick the bucket and folder by browsing the server',

  // The dialog.
  'browse.title': 'Choose a destination',
  'browse.location': 'Location',
  'browse.buckets': 'Buckets',
  'browse.up': 'Up',
  'browse.loading': 'Loading…',
  'browse.retry': 'Try again',
  'browse.noBuckets': 'These credentials see no buckets. Type the name of one they may use.',
  'browse.typeHint': 'Type the name of a bucket these credentials may use.',
  'browse.bucketName': 'Bucket name',
  'browse.openBucket': 'Open',
  'browse.bucketCreated': 'created {date}',
  'browse.column.name': 'Name',
  'browse.column.size': 'Size',
  'browse.column.modified': 'Modified',
  'browse.empty': 'Nothing in this folder yet.',
  'browse.newFolderEmpty': 'A new folder: it appears on the server with the first file uploaded into it.',
  'browse.loadMore': 'Load more',
  'browse.shown': '{folders} folders and {objects} files shown',
  'browse.shownMore': '{folders} folders and {objects} files shown; there are more',
  'browse.newFolder': 'New folder…',
  'browse.newFolderName': 'New folder name',
  'browse.newFolderAdd': 'Add',
  'browse.newFolderSlash': 'A folder name cannot contain "/": add one folder at a time.',
  'browse.newFolderDots': 'A folder cannot be named "." or "..".',
  'browse.choose': 'Choose this folder',
  'browse.cancel': 'Cancel',
} as const;

export const browseJa: Record<keyof typeof browseEn, string> = {
  'browse.refused':
    'この認証情報では {endpoint} のバケット一覧を取得できません（ListBuckets が拒否されました）。バケット名を入力してください。',
  'browse.error.noSuchBucket':
    'バケット「{bucket}」は {endpoint} に存在しません。バケット名を確認するか、別のバケットを選んでください。',
  'browse.error.listDenied':
    '{endpoint} のバケット「{bucket}」の一覧を取得する権限がありません。参照には s3:ListBucket が必要です。プレフィックスはターゲットバーに直接入力できます。',
  'browse.error.unreachable':
    'バケット「{bucket}」の一覧を取得するために {endpoint} に接続できません（{code}）。設定のエンドポイント URL とネットワークを確認してください。',

  'browse.open': '参照…',
  'browse.openHint': 'サーバーを参照してバケットとフォルダーを選びます',

  'browse.title': 'アップロード先を選択',
  'browse.location': '場所',
  'browse.buckets': 'バケット',
  'browse.up': '上へ',
  'browse.loading': '読み込み中…',
  'browse.retry': '再試行',
  'browse.noBuckets': 'この認証情報で見えるバケットはありません。使用できるバケットの名前を入力してください。',
  'browse.typeHint': 'この認証情報で使用できるバケットの名前を入力してください。',
  'browse.bucketName': 'バケット名',
  'browse.openBucket': '開く',
  'browse.bucketCreated': '{date}に作成',
  'browse.column.name': '名前',
  'browse.column.size': 'サイズ',
  'browse.column.modified': '更新日時',
  'browse.empty': 'このフォルダーにはまだ何もありません。',
  'browse.newFolderEmpty': '新しいフォルダーです。最初のファイルをアップロードするとサーバー上に現れます。',
  'browse.loadMore': 'さらに読み込む',
  'browse.shown': '{folders} 個のフォルダーと {objects} 個のファイルを表示',
  'browse.shownMore': '{folders} 個のフォルダーと {objects} 個のファイルを表示（続きがあります）',
  'browse.newFolder': '新しいフォルダー…',
  'browse.newFolderName': '新しいフォルダーの名前',
  'browse.newFolderAdd': '追加',
  'browse.newFolderSlash': 'フォルダー名に「/」は使えません。フォルダーは 1 階層ずつ追加してください。',
  'browse.newFolderDots': '「.」や「..」という名前のフォルダーは作れません。',
  'browse.choose': 'このフォルダーを選択',
  'browse.cancel': 'キャンセル',
};
