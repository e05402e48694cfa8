// Messages for the user that main raises (a corrupt settings file, a secret kept for this session only, …). They stay
// until dismissed, so a window that loads later still gets the ones raised at start-up (notices:list).
import type { Notice, NoticeKind } from '../shared/ipc';

export interface NoticeCenter {
  add(kind: NoticeKind, level: Notice['level'], params?: Record<string, string>): Notice;
  list(): Notice[];
  dismiss(id: string): boolean;
  /** Where new notices are sent (set once the transport exists). */
  setSink(sink: (notice: Notice) => void): void;
}

export function createNoticeCenter(now: () => number = Date.now): NoticeCenter {
  const notices: Notice[] = [];
  let counter = 0;
  let sink: ((notice: Notice) => void) | null = null;
  return {
    add(kind, level, params = {}) {
      const notice: Notice = { id: `n${++counter}`, kind, level, params, at: now() };
      notices.push(notice);
      // Bounded: a flood of rejected files must not grow this forever.
      if (notices.length > 50) notices.shift();
      sink?.(notice);
      return notice;
    },
    list: () => [...notices],
    dismiss(id) {
      const index = notices.findIndex((n) => n.id === id);
      if (index < 0) return false;
      notices.splice(index, 1);
      return true;
    },
    setSink(next) {
      sink = next;
    },
  };
}
