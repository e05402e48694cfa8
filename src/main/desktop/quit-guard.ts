// Quitting while files upload: ask first, then either pause (the multipart uploads and the journal stay, so the next
// start offers to resume them) or cancel with verified cleanup (nothing billable is left behind), and only then let
// the app exit. Quitting with nothing running keeps paused uploads paused: a quit never throws away parts the user
// chose to keep. Hooked to app 'before-quit'.

/** 'keep': stay and keep uploading. */
export type QuitChoice = 'pause' | 'cancel' | 'keep';

export interface QuitGuardDeps {
  /** Files still queued or uploading. */
  pending(): number;
  /** Asks the user what to do with them. */
  confirm(pending: number): Promise<QuitChoice>;
  /** Pauses or cancels every upload and waits for that to settle (bounded by the caller). */
  shutdown(mode: 'pause' | 'cancel'): Promise<void>;
  /** Quits for real (app.quit); before-quit fires again and is let through. */
  quit(): void;
}

export function createQuitGuard(deps: QuitGuardDeps): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'asking' | 'stopping' | 'leaving' = 'running';
  return (event) => {
    if (state === 'leaving') return;
    event.preventDefault();
    if (state !== 'running') return; // a dialog or the cleanup is already under way
    const pending = deps.pending();
    state = pending > 0 ? 'asking' : 'stopping';
    void (async () => {
      const choice: QuitChoice = pending > 0 ? await deps.confirm(pending) : 'pause';
      if (choice === 'keep') {
        state = 'running';
        return;
      }
      state = 'stopping';
      try {
        await deps.shutdown(choice);
      } finally {
        state = 'leaving';
        deps.quit();
      }
    })();
  };
}
