// Messages of the queue part of the window, English and Japanese. Merged into the one dictionary by i18n-en.ts and
// i18n-ja.ts; the Japanese object must have every English key (its type checks it).

export const queueEn = {
  /** A cancelled row keeps how far it got; the percent is the one its bar shows. */
  'state.cancelledAt': 'Cancelled at {percent}%: parts cleaned up',
  'state.cancelledAtNone': 'Cancelled at {percent}%',
  'queue.emptyDest': 'They go to {dest}.',
  'queue.emptyActive': 'Nothing is uploading or waiting.',
  'queue.emptyFinished': 'No finished uploads yet.',
  'queue.filter': 'Show',
  'queue.filterAll': 'All ({n})',
  'queue.filterActive': 'Active ({n})',
  'queue.filterFinished': 'Finished ({n})',
  'selection.count': '{n} selected',
  'selection.cancel': 'Cancel selected',
  'selection.retry': 'Retry selected',
  'selection.clear': 'Clear selection',
  'aria.selected': 'selected',
  'aria.moreActions': 'More actions',
  'aria.detailsItem': 'Details of {name}',
  'action.details': 'Details…',
  'action.close': 'Close',
  'details.title': '{name}',
  'details.dest': 'To {dest}',
  'details.code': 'Code: {code}',
  'details.copy': 'Copy',
  'details.copied': 'Copied.',
  'details.copyFailed': 'Could not copy. Select the text and copy it.',
  /** Keep both, when the check of which new names are free failed (main's add flow). */
  'add.keepBothUnchecked':
    'Could not check which new name {file} may have in {bucket} ({detail}); it was not added, so that no object is replaced. Add it again to keep both.',
} as const;

export const queueJa: Record<keyof typeof queueEn, string> = {
  'state.cancelledAt': '{percent}% でキャンセル：パートを削除しました',
  'state.cancelledAtNone': '{percent}% でキャンセル',
  'queue.emptyDest': '{dest} にアップロードします。',
  'queue.emptyActive': 'アップロード中・待機中のファイルはありません。',
  'queue.emptyFinished': '完了したアップロードはまだありません。',
  'queue.filter': '表示',
  'queue.filterAll': 'すべて（{n}）',
  'queue.filterActive': '進行中（{n}）',
  'queue.filterFinished': '完了（{n}）',
  'selection.count': '{n} 件を選択中',
  'selection.cancel': '選択をキャンセル',
  'selection.retry': '選択を再試行',
  'selection.clear': '選択を解除',
  'aria.selected': '選択中',
  'aria.moreActions': 'その他の操作',
  'aria.detailsItem': '{name} の詳細',
  'action.details': '詳細…',
  'action.close': '閉じる',
  'details.title': '{name}',
  'details.dest': 'アップロード先：{dest}',
  'details.code': 'コード：{code}',
  'details.copy': 'コピー',
  'details.copied': 'コピーしました。',
  'details.copyFailed': 'コピーできませんでした。テキストを選択してコピーしてください。',
  'add.keepBothUnchecked':
    '{bucket} で {file} に付けられる新しい名前を確認できませんでした（{detail}）。既存のオブジェクトを上書きしないよう、追加していません。両方を残すには、もう一度追加してください。',
};
