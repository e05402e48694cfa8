// The "Interrupted uploads" prompt's state: what main's journal holds that is not in the queue, and what happened to
// the uploads the user tried to resume or discard. Main's list is the truth: after each action it is read again.
import type { HoistApi } from '../../shared/ipc-api';
import type { InterruptedOutcome, InterruptedProblem, InterruptedUpload } from '../../shared/ipc';

/**
 * The prompt: closed, open, or open with an action in flight (its buttons wait for it). One union, so that "busy but
 * closed" cannot be written down. It opens by itself at start when there is something to decide.
 */
export type InterruptedPrompt = 'closed' | 'open' | 'busy';

export interface RecoveryState {
  interrupted: InterruptedUpload[];
  interruptedPrompt: InterruptedPrompt;
  /** Why main refused an upload the user acted on, by upload id (shown in its line). */
  interruptedRefused: Record<string, InterruptedProblem | 'not-found'>;

  loadInterrupted(): Promise<void>;
  resumeInterrupted(uploadIds: string[]): Promise<void>;
  discardInterrupted(uploadIds: string[]): Promise<void>;
  closeInterrupted(): void;
}

type SetState = (partial: Partial<RecoveryState> | ((s: RecoveryState) => Partial<RecoveryState>)) => void;
type GetState = () => RecoveryState;

export function createRecoverySlice(
  api: HoistApi,
  set: SetState,
  get: GetState,
  onError: (message: string) => void,
): RecoveryState {
  const refresh = async () => {
    const interrupted = await api.listInterrupted();
    // Still open only if something is left to decide (an action in flight ends in act's finally).
    set((s) => ({ interrupted, interruptedPrompt: interrupted.length > 0 ? s.interruptedPrompt : 'closed' }));
  };
  const act = async (run: () => Promise<InterruptedOutcome[]>) => {
    set({ interruptedPrompt: 'busy' });
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
      set((s) => ({ interruptedPrompt: s.interruptedPrompt === 'busy' ? 'open' : s.interruptedPrompt }));
    }
  };

  return {
    interrupted: [],
    interruptedPrompt: 'closed',
    interruptedRefused: {},
    loadInterrupted: async () => {
      try {
        const interrupted = await api.listInterrupted();
        set({ interrupted, interruptedPrompt: interrupted.length > 0 ? 'open' : 'closed' });
      } catch (error) {
        onError((error as Error).message);
      }
    },
    resumeInterrupted: (uploadIds) => act(() => api.resumeInterrupted(uploadIds)),
    discardInterrupted: (uploadIds) => act(() => api.discardInterrupted(uploadIds)),
    closeInterrupted: () => set({ interruptedPrompt: 'closed' }),
  };
}
