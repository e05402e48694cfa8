// Messages of the History pane and share links, English and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese
// object must have every English key (its type checks it).

export const historyEn = {
  // The header's button and the pane.
  'history.open': 'History',
  'history.title': 'Upload history',
  'history.intro': 'Finished uploads, newest first. Hoist keeps the last 10,000 on this computer.',
  'history.search': 'Search',
  'history.searchPlaceholder': 'File, folder, bucket or profile',
  'history.loading': 'Loading…',
  'history.empty': 'No finished uploads yet. Files you upload are listed here once they are done.',
  'history.noMatch': 'No upload matches "{query}".',
  'history.col.object': 'Object',
  'history.col.size': 'Size',
  'history.col.finished': 'Finished',
  'history.col.profile': 'Profile',
  'history.profileGone': '(profile removed)',
  'history.loadFailed': 'Could not read the history: {message}',

  // Copy link (a done row of the queue, and each history entry) and Reveal in the destination.
  'history.copyLink': 'Copy link',
  'history.copyLinkItem': 'Copy a download link to {name}',
  'history.copying': 'Making the link…',
  'history.copied': 'Link copied — works until {date}',
  'history.copyFailed': 'Could not make a link: {message}',
  'history.noProfile': 'The profile that uploaded this is gone, so no link can be made.',
  'history.reveal': 'Reveal in the destination',
  'history.revealItem': 'Make the folder of {name} the destination',
} as const;

export const historyJa: Record<keyof typeof historyEn, string> = {
  'history.open': '履歴',
  'history.title': 'アップロード履歴',
  'history.intro': '完了したアップロードを新しい順に表示します。このコンピューターに最新の 10,000 件を保存します。',
  'history.search': '検索',
  'history.searchPlaceholder': 'ファイル、フォルダー、バケット、プロファイル',
  'history.loading': '読み込み中…',
  'history.empty': '完了したアップロードはまだありません。アップロードが完了したファイルがここに表示されます。',
  'history.noMatch': '「{query}」に一致するアップロードはありません。',
  'history.col.object': 'オブジェクト',
  'history.col.size': 'サイズ',
  'history.col.finished': '完了',
  'history.col.profile': 'プロファイル',
  'history.profileGone': '(削除されたプロファイル)',
  'history.loadFailed': '履歴を読み込めませんでした: {message}',

  'history.copyLink': 'リンクをコピー',
  'history.copyLinkItem': '{name} のダウンロードリンクをコピー',
  'history.copying': 'リンクを作成中…',
  'history.copied': 'リンクをコピーしました — {date} まで有効',
  'history.copyFailed': 'リンクを作成できませんでした: {message}',
  'history.noProfile': 'このファイルをアップロードしたプロファイルが削除されているため、リンクを作成できません。',
  'history.reveal': '保存先で表示',
  'history.revealItem': '{name} のフォルダーを保存先にする',
};
