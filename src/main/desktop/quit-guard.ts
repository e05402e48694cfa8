// Quitting while files upload: ask first; if the user agrees, cancel everything and wait for the cleanup (aborted
// multipart uploads) before letting the app exit, so nothing billable is left behind. Hooked to app 'before-quit'.

export interface QuitGuardDeps {
  /** Files still queued or uploading. */
  pending(): number;
  /** Asks the user; true to quit. */
  confirm(pending: number): Promise<boolean>;
  /** Cancels every upload and waits for the cleanup (bounded by the caller). */
  shutdown(): Promise<void>;
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
      if (pending > 0 && !(await deps.confirm(pending))) {
        state = 'running';
        return;
      }
      state = 'stopping';
      try {
        await deps.shutdown();
      } finally {
        state = 'leaving';
        deps.quit();
      }
    })();
  };
}
