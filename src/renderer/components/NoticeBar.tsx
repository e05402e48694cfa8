// Messages from main (a corrupt settings file, a secret kept for this session only) and from the renderer (an
// action main refused, files that could not be added). Each stays until dismissed.
import { isMessageKey } from '../../shared/i18n';
import type { Notice } from '../../shared/ipc';
import { noticeMessageIn } from '../../shared/message-text';
import { useApp, useT } from '../store/context';

/** notice.<kind>, or its singular notice.<kind>.one when there is one of whatever it counts and that wording exists. */
function noticeKey(notice: Notice): string {
  const key = `notice.${notice.kind}`;
  return notice.params.count === '1' && isMessageKey(`${key}.one`) ? `${key}.one` : key;
}

export function NoticeBar() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  const t = useT();
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={t('aria.notices')}>
      {notices.map((notice) => {
        const key = noticeKey(notice);
        const text = isMessageKey(key) ? t(key, noticeMessageIn(notice.params, t)) : notice.kind;
        return (
          <div
            key={notice.id}
            className={`notice notice-${notice.level}`}
            role={notice.level === 'error' ? 'alert' : 'status'}
          >
            <span className="notice-text">{text}</span>
            <button type="button" className="button-small button-quiet" onClick={() => void dismiss(notice.id)}>
              {t('action.dismiss')}
            </button>
          </div>
        );
      })}
    </section>
  );
}
