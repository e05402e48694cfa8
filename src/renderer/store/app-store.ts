// The renderer's one store: a mirror of main's queue and settings, plus what only the screen cares about (which
// pane is open, messages, the open conflict question). Actions go to main through the injected API; the state
// changes when main answers or sends events, never on a guess (except the immediate "Cancelling…").
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HoistApi } from '../../shared/ipc-api';
import type { ConflictChoice, ConflictQuestion, Notice, NoticeKind } from '../../shared/ipc';
import type { SettingsView, TargetChoice } from '../../shared/settings-schema';
import { applyBatch, applySnapshot, initialQueueState, type QueueState } from './queue-slice';
import { createRecoverySlice, type RecoveryState } from './recovery-slice';
import {
  initialSelectionState,
  selectRow,
  selectedWhere,
  withoutRemoved,
  type QueueFilter,
  type SelectMode,
  type SelectionState,
  visibleRows,
} from './selection-slice';
import { isCancellable, isRetryable } from '../../shared/upload-state';
import { noticeParams } from '../../shared/message-text';

/** How the open Settings form asks before it is left: it calls leave() once the user agrees (or had nothing typed). */
export type SettingsLeaveGuard = (leave: () => void) => void;

export type Pane = 'queue' | 'settings' | 'incomplete' | 'history';

export interface AppState extends QueueState, RecoveryState, SelectionState {
  settings: SettingsView | null;
  pane: Pane;
  /** Profile open in the settings form: an id, 'new', or null (the first profile). */
  editing: string | 'new' | null;
  notices: Notice[];
  conflict: ConflictQuestion | null;
  /** Add calls in flight (main may be checking keys or waiting on a conflict answer). */
  adding: number;
  systemLocale: string;
  /** Where the incomplete-uploads view looks first (a profile, bucket and prefix); null: the active target. */
  incompleteFor: TargetChoice | null;

  openSettings(editing?: string | 'new' | null): void;
  openIncomplete(where?: TargetChoice | null): void;
  /** The History pane: finished uploads, with search and share links. */
  openHistory(): void;
  closeSettings(): void;
  /**
   * Leaves Settings as the header's Settings toggle does: through the form's guard when it registered one (it asks
   * before unsaved input is lost), else at once.
   */
  requestCloseSettings(): void;
  /** The open form registers how it asks before it is left; null when it unmounts. */
  setSettingsLeaveGuard(guard: SettingsLeaveGuard | null): void;
  setEditing(editing: string | 'new' | null): void;
  addDropped(files: File[]): Promise<void>;
  pickAndAdd(): Promise<void>;
  cancel(id: string): Promise<void>;
  cancelAll(): Promise<void>;
  retry(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  clearFinished(): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  /** Files waiting for an unreachable endpoint try again now. */
  tryNow(): Promise<void>;
  /** Stops every add in progress (main cancels what they queued and answers their open questions skip). */
  stopAdding(): Promise<void>;
  answerConflict(choice: ConflictChoice, applyToRest: boolean): Promise<void>;
  selectTarget(target: TargetChoice): Promise<void>;
  dismissNotice(id: string): Promise<void>;
  /** Selects rows as a click does; a Shift range runs over the rows shown (the filter's), in their order. */
  select(id: string, mode: SelectMode): void;
  /** Every row shown. */
  selectAll(): void;
  clearSelection(): void;
  /** The row the keyboard is on, without changing the selection (Ctrl/Cmd with an arrow key). */
  setCurrent(id: string | null): void;
  setFilter(filter: QueueFilter): void;
  openDetails(id: string | null): void;
  /** Cancels the selected rows that can be cancelled; answers how many it asked main to cancel. */
  cancelSelected(): Promise<number>;
  retrySelected(): Promise<number>;
  /** A message raised by the renderer itself (an action main refused, files it could not add). */
  say(kind: NoticeKind, params: Record<string, string>, level?: Notice['level']): void;
}

export type AppStore = StoreApi<AppState>;

let localCounter = 0;

export function createAppStore(api: HoistApi, systemLocale = 'en'): AppStore {
  // Outside the state: a function the form registers, not something any view renders.
  let leaveGuard: SettingsLeaveGuard | null = null;
  const store = createStore<AppState>()((set, get) => {
    const say: AppState['say'] = (kind, params, level = 'error') => {
      const notice: Notice = { id: `local${++localCounter}`, kind, level, params, at: Date.now() };
      set((s) => ({ notices: [...s.notices, notice].slice(-20) }));
    };
    /** Runs a command; if main refuses, the user reads why instead of nothing happening. */
    const attempt = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        say('error', { message: (error as Error).message });
      }
    };
    const target = (): TargetChoice | null => get().settings?.activeTarget ?? null;
    const add = async (run: (t: TargetChoice) => ReturnType<HoistApi['pickAndAdd']>) => {
      const t = target();
      if (!t) {
        say('no-target', {}, 'warning');
        return;
      }
      // New files are active: a "finished only" view would hide them.
      set((s) => ({ adding: s.adding + 1, filter: s.filter === 'finished' ? 'all' : s.filter }));
      try {
        const summary = await run(t);
        // Files left out without a question (skip for the rest, or a stop) would otherwise just be missing.
        if (summary.skipped > 0) say('add-skipped', { count: String(summary.skipped), bucket: t.bucket }, 'info');
        if (summary.stopped > 0) say('add-stopped', { count: String(summary.stopped) }, 'info');
        if ((summary.upToDate ?? 0) > 0)
          say('add-up-to-date', { count: String(summary.upToDate), bucket: t.bucket }, 'info');
        if ((summary.excluded ?? 0) > 0) say('add-excluded', { count: String(summary.excluded) }, 'info');
        for (const r of summary.rejected.slice(0, 5)) say('add-rejected', noticeParams(r), 'warning');
        if (summary.rejected.length > 5)
          say('add-rejected', { message: `… +${summary.rejected.length - 5}` }, 'warning');
      } catch (error) {
        const message = (error as Error).message;
        say(message.startsWith('NotLocalFile') ? 'not-local-file' : 'error', { message }, 'warning');
      } finally {
        set((s) => ({ adding: s.adding - 1 }));
      }
    };

    const cancel = async (id: string) => {
      set((s) => ({ cancelRequested: { ...s.cancelRequested, [id]: true } }));
      await attempt(() => api.cancel(id));
    };
    const retry = (id: string) => attempt(() => api.retry(id));

    return {
      ...initialQueueState,
      ...initialSelectionState,
      ...createRecoverySlice(api, set, get, (message) => say('error', { message })),
      settings: null,
      pane: 'queue',
      editing: null,
      notices: [],
      conflict: null,
      adding: 0,
      systemLocale,
      incompleteFor: null,

      openSettings: (editing = null) => set({ pane: 'settings', editing }),
      openIncomplete: (where = null) => set({ pane: 'incomplete', incompleteFor: where }),
      openHistory: () => set({ pane: 'history' }),
      closeSettings: () => set({ pane: 'queue' }),
      requestCloseSettings: () => {
        const close = get().closeSettings;
        if (leaveGuard) leaveGuard(close);
        else close();
      },
      setSettingsLeaveGuard: (guard) => {
        leaveGuard = guard;
      },
      setEditing: (editing) => set({ editing }),
      addDropped: (files) => add((t) => api.addDropped(files, t)),
      pickAndAdd: () => add((t) => api.pickAndAdd(t)),
      cancel,
      cancelAll: () => attempt(() => api.cancelAll()),
      retry,
      remove: (id) => attempt(() => api.remove(id)),
      clearFinished: () => attempt(() => api.clearFinished()),
      pause: (id) => attempt(() => api.pause(id)),
      resume: (id) => attempt(() => api.resume(id)),
      pauseAll: () => attempt(() => api.pauseAll()),
      resumeAll: () => attempt(() => api.resumeAll()),
      tryNow: () => attempt(() => api.tryNow()),
      stopAdding: async () => {
        // Main answers the open question (skip) itself; the dialog closes now rather than after the round trip.
        set({ conflict: null });
        await attempt(() => api.stopAdding());
      },
      answerConflict: async (choice, applyToRest) => {
        const question = get().conflict;
        if (!question) return;
        set({ conflict: null });
        await attempt(() => api.answerConflict(question.id, choice, applyToRest));
      },
      selectTarget: (t) =>
        attempt(async () => {
          set({ settings: await api.selectTarget(t) });
        }),
      dismissNotice: async (id) => {
        set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
        if (!id.startsWith('local')) await api.dismissNotice(id).catch(() => undefined);
      },
      say,
      select: (id, mode) =>
        set((s) => selectRow(s, id, mode, mode === 'range' ? visibleRows(s.order, s.items, s.filter) : [])),
      selectAll: () => set((s) => ({ selected: new Set(visibleRows(s.order, s.items, s.filter)) })),
      clearSelection: () => set({ selected: new Set(), anchor: null }),
      setCurrent: (current) => set({ current }),
      setFilter: (filter) => set({ filter }),
      openDetails: (detailsFor) => set({ detailsFor }),
      cancelSelected: async () => {
        const s = get();
        const ids = selectedWhere(s, (item) => isCancellable(item.state.kind) && s.cancelRequested[item.id] !== true);
        await Promise.all(ids.map(cancel));
        return ids.length;
      },
      retrySelected: async () => {
        const ids = selectedWhere(get(), (item) => isRetryable(item.state.kind));
        await Promise.all(ids.map(retry));
        return ids.length;
      },
    };
  });
  return store;
}

/**
 * Subscribes to main's events, then loads the snapshot, settings and notices, and asks whether uploads were left
 * interrupted (the prompt opens if so). Returns the unsubscribe.
 */
export function connectStore(store: AppStore, api: HoistApi): () => void {
  const offs = [
    api.onQueueBatch((batch) =>
      store.setState((s) => ({ ...applyBatch(s, batch), ...withoutRemoved(s, batch.removed) })),
    ),
    api.onSettingsChanged((settings) => store.setState({ settings })),
    api.onNotice((notice) => store.setState((s) => ({ notices: [...s.notices, notice] }))),
    api.onConflict((conflict) => store.setState({ conflict })),
  ];
  void (async () => {
    try {
      const [snapshot, settings, notices] = await Promise.all([api.snapshot(), api.getSettings(), api.listNotices()]);
      store.setState((s) => ({
        ...applySnapshot(s, snapshot),
        settings,
        conflict: snapshot.conflict,
        notices: [...notices, ...s.notices.filter((n) => !notices.some((m) => m.id === n.id))],
      }));
    } catch (error) {
      store.getState().say('error', { message: (error as Error).message });
    }
    await store.getState().loadInterrupted();
  })();
  return () => offs.forEach((off) => off());
}
