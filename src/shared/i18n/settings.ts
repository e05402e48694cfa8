// Messages of the settings part of the window, English and Japanese. Merged into the one dictionary by i18n-en.ts and
// i18n-ja.ts; the Japanese object must have every English key (its type checks it).
// Refusals keep the "v." prefix: main's refusal "field: v.key" is matched on it (profile-draft problemsFromError).

export const settingsEn = {
  'field.dataPath': 'Data path',
  'field.dataPathHint':
    'How file bytes are sent. Lean uses a third of the CPU; choose the AWS SDK if a provider refuses it.',
  'dataPath.lean': 'Lean (signed requests over Node’s HTTP)',
  'dataPath.sdk': 'AWS SDK',
  'field.speedLimitUnits': 'Speed limit',
  'field.speedLimitHint': 'Such as 20 MiB/s or 500 KiB/s; a number alone is in MiB/s. Blank: no limit.',
  'field.speedLimitPlaceholder': 'No limit',
  'v.partSizeDigits': 'Part size: type a whole number of MiB in plain digits, from 5 to 5120, such as 16.',
  'v.concurrencyDigits': 'Parts at once: type a whole number in plain digits, from 1 to 16, such as 3.',
  'v.speedLimitFormat': 'Speed limit: type a number and a unit, such as 20 MiB/s or 500 KiB/s, or leave it blank.',
  'v.speedLimitNegative': 'Speed limit cannot be below zero. Type a speed such as 20 MiB/s, or leave it blank.',
  'v.speedLimitTooLow': 'Speed limit: the lowest limit is 1 KiB/s. Type a speed such as 500 KiB/s, or leave it blank.',
  'v.speedLimitTooHigh':
    'Speed limit: the highest limit is 10 GiB/s. Type a speed such as 20 MiB/s, or leave it blank.',
  'v.speedLimitRange': 'Speed limit: from 1 KiB/s to 10 GiB/s, such as 20 MiB/s, or blank for no limit.',
  'secret.willSave': 'will be saved',
  'secret.willClear': 'will be forgotten',
  'endpoint.use': 'Use {url}',
  'settings.fixErrors': 'Fix the fields marked in red, then save again.',
  'settings.discardTitle': 'Discard your changes?',
  'settings.discardBody': 'The changes you made to this profile are not saved.',
  'settings.discard': 'Discard',
  'settings.keepEditing': 'Keep editing',
  // A notice at start (kind 'error', with these as its keys): the settings file is there but Hoist cannot use it, so it
  // runs on defaults and saves nothing over it this session (settings-store.ts).
  'settings.fileUnreadable':
    'Your settings file {file} could not be read ({error}). Hoist started with default settings and will not save any change until it is restarted, so that your profiles in that file are not lost. Fix the file’s permissions, or close the program that holds it open (such as an antivirus or a sync app), then restart Hoist.',
  'settings.fileUnmovable':
    'Your settings file {file} could not be understood ({error}), and it could not be set aside as a backup ({moveError}). Hoist started with default settings and will not save any change until it is restarted, so that the file is kept as it is. Move the file somewhere else yourself, or close the program that holds it open, then restart Hoist.',
} as const;

export const settingsJa: Record<keyof typeof settingsEn, string> = {
  'field.dataPath': 'データ経路',
  'field.dataPathHint':
    'ファイルのバイトの送り方。Lean は CPU 使用量が約3分の1です。プロバイダーが受け付けない場合は AWS SDK を選んでください。',
  'dataPath.lean': 'Lean（署名付きリクエストを Node の HTTP で送信）',
  'dataPath.sdk': 'AWS SDK',
  'field.speedLimitUnits': '速度制限',
  'field.speedLimitHint': '例：20 MiB/s、500 KiB/s。数字だけなら MiB/s です。空欄は制限なし。',
  'field.speedLimitPlaceholder': '制限なし',
  'v.partSizeDigits': 'パートのサイズ：MiB 単位の整数を数字だけで入力してください。5〜5120 です（例：16）。',
  'v.concurrencyDigits': '同時に送信するパート数：1〜16 の整数を数字で入力してください（例：3）。',
  'v.speedLimitFormat':
    '速度制限：20 MiB/s や 500 KiB/s のように数値と単位を入力するか、空欄にしてください（空欄は制限なし）。',
  'v.speedLimitNegative': '速度制限に負の値は使えません。20 MiB/s のような速度を入力するか、空欄にしてください。',
  'v.speedLimitTooLow': '速度制限の最小値は 1 KiB/s です。500 KiB/s のような速度を入力するか、空欄にしてください。',
  'v.speedLimitTooHigh': '速度制限の最大値は 10 GiB/s です。20 MiB/s のような速度を入力するか、空欄にしてください。',
  'v.speedLimitRange': '速度制限：1 KiB/s〜10 GiB/s（例：20 MiB/s）で入力するか、空欄にしてください（制限なし）。',
  'secret.willSave': '保存時に設定されます',
  'secret.willClear': '保存時に消去されます',
  'endpoint.use': '{url} を使う',
  'settings.fixErrors': '赤で示した欄を直してから、もう一度保存してください。',
  'settings.discardTitle': '変更を破棄しますか？',
  'settings.discardBody': 'このプロファイルへの変更はまだ保存されていません。',
  'settings.discard': '破棄',
  'settings.keepEditing': '編集を続ける',
  'settings.fileUnreadable':
    '設定ファイル {file} を読み込めませんでした（{error}）。Hoist は既定の設定で起動しました。このファイルにあるプロファイルを失わないよう、再起動するまで変更は保存しません。ファイルのアクセス権を直すか、ファイルを開いているプログラム（ウイルス対策ソフトや同期アプリなど）を閉じてから、Hoist を再起動してください。',
  'settings.fileUnmovable':
    '設定ファイル {file} の内容を解釈できず（{error}）、バックアップとして別名に移すこともできませんでした（{moveError}）。Hoist は既定の設定で起動しました。このファイルをそのまま残すため、再起動するまで変更は保存しません。ファイルをご自身で別の場所に移すか、ファイルを開いているプログラムを閉じてから、Hoist を再起動してください。',
};
