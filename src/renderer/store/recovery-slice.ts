// The "Interrupted uploads" prompt's state: what main's journal holds that is not in the queue, and what happened to
// the uploads the user tried to resume or discard. Main's list is the truth: after each action it is read again.
import type { HoistApi } from '../../shared/ipc-api';
import type { InterruptedOutcome, InterruptedProblem, InterruptedUpload } from '../../shared/ipc';

export interface RecoveryState {
  interrupted: InterruptedUpload[];
  /** The prompt is open (it opens by itself at start when there is something to decide). */
  interruptedOpen: boolean;
  /** An action is in flight: the prompt's buttons wait for it. */
  interruptedBusy: boolean;
  /** Why main refused an upload the user acted on, by upload id (shown in its line). */
  interruptedRefused: Record<string, InterruptedProblem | 'not-found'>;

  loadInterrupted(): Promise<void>;
  resumeInterrupted(uploadIds: string[]): Promise<void>;
  discardInterrupted(uploadIds: string[]): Promise<void>;
  closeInterrupted(): void;
}

type SetState = (partial: Partial<RecoveryState> | ((s: RecoveryState) => Partial<RecoveryState>)) => void;
type GetState = () => RecoveryState;

export function createRecoverySlice(api: HoistApi, set: SetState, get: GetState, onError: (message: string) => void): RecoveryState {
  const refresh = async () => {
    const interrupted = await api.listInterrupted();
    set((s) => ({ interrupted, interruptedOpen: s.interruptedOpen && interrupted.length > 0 }));
  };
  const act = async (run: () => Promise<InterruptedOutcome[]>) => {
    set({ interruptedBusy: true });
    try {
      const outcomes = await run();
      const refused = { ...get().interruptedRefused };
      for (const o of outcomes) {
        if (o.ok) delete refused[o.uploadId];
        else if (o.problem) refused[o.uploadId] = o.problem;
      }
      set({ interruptedRefused: refused });
      await refresh();
    } catch (error) {
      onError((error as Error).message);
    } finally {
      set({ interruptedBusy: false });
    }
  };

  return {
    interrupted: [],
    interruptedOpen: false,
    interruptedBusy: false,
    interruptedRefused: {},
    loadInterrupted: async () => {
      try {
        const interrupted = await api.listInterrupted();
        set({ interrupted, interruptedOpen: interrupted.length > 0 });
      } catch (error) {
        onError((error as Error).message);
      }
    },
    resumeInterrupted: (uploadIds) => act(() => api.resumeInterrupted(uploadIds)),
    discardInterrupted: (uploadIds) => act(() => api.discardInterrupted(uploadIds)),
    closeInterrupted: () => set({ interruptedOpen: false }),
  };
}
