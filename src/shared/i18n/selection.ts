// Messages of which files go: skip unchanged, excludes, English and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese
// object must have every English key (its type checks it).

export const selectionEn = {
  // A pattern the engine cannot use (plan/file-filter.ts): each names the pattern and where it came from.
  'selection.pattern.empty':
    'An empty {kind} pattern was given. Give a glob such as "*.tmp" or "build/**", or leave the option out.',
  'selection.pattern.tooLong': 'The {kind} pattern "{pattern}" is longer than {max} characters. Use a shorter glob.',
  'selection.pattern.invalid':
    'The {kind} pattern "{pattern}" is not a glob Hoist can use. Write it like "*.tmp", ".DS_Store" or "build/**".',
  // What an add left out (AddSummary.upToDate / excluded; app-store.ts shows them).
  'notice.add-up-to-date': '{count} files were not sent: they are already in {bucket}, unchanged.',
  'notice.add-up-to-date.one': '1 file was not sent: it is already in {bucket}, unchanged.',
  'notice.add-excluded': '{count} files were left out by the profile’s exclude patterns (such as .DS_Store).',
  'notice.add-excluded.one': '1 file was left out by the profile’s exclude patterns (such as .DS_Store).',
  // The conflict question's fourth answer (ConflictDialog.tsx).
  'conflict.skipUnchanged': 'Skip if unchanged',
  'conflict.skipUnchangedHint':
    'Skip if unchanged: Hoist compares the size and checksum with the object and sends the file only if it differs.',
} as const;

export const selectionJa: Record<keyof typeof selectionEn, string> = {
  'selection.pattern.empty':
    '空の {kind} パターンが指定されました。「*.tmp」や「build/**」のようなグロブを指定するか、このオプションを外してください。',
  'selection.pattern.tooLong':
    '{kind} パターン「{pattern}」が{max}文字を超えています。もっと短いグロブにしてください。',
  'selection.pattern.invalid':
    '{kind} パターン「{pattern}」は Hoist が使えるグロブではありません。「*.tmp」「.DS_Store」「build/**」のように書いてください。',
  'notice.add-up-to-date': '{count} 件のファイルは {bucket} に変更のない状態で既にあるため、送信しませんでした。',
  'notice.add-up-to-date.one': '1 件のファイルは {bucket} に変更のない状態で既にあるため、送信しませんでした。',
  'notice.add-excluded': '{count} 件のファイルはプロファイルの除外パターン（.DS_Store など）により除外しました。',
  'notice.add-excluded.one': '1 件のファイルはプロファイルの除外パターン（.DS_Store など）により除外しました。',
  'conflict.skipUnchanged': '変更がなければスキップ',
  'conflict.skipUnchangedHint':
    '変更がなければスキップ：サイズとチェックサムをオブジェクトと比べ、違う場合だけファイルを送ります。',
};
