// The API the preload exposes to the page as window.hoist. Type-only, so the renderer can import it without pulling
// in anything of the preload. Every on*() returns a function that unsubscribes.
import type {
  AddSummary,
  ConflictChoice,
  ConflictQuestion,
  ConnectionResult,
  IncompleteAbortResult,
  IncompleteUploadInfo,
  InterruptedOutcome,
  InterruptedUpload,
  Notice,
  QueueBatch,
  QueueSnapshot,
} from '../shared/ipc';
import type { LanguageSetting, ProfileInput, SettingsView, TargetChoice } from '../shared/settings-schema';

export interface HoistApi {
  snapshot(): Promise<QueueSnapshot>;
  /** Files (and folders) dropped on the window. The preload turns them into paths; the page never sees one. */
  addDropped(files: File[], target: TargetChoice): Promise<AddSummary>;
  /** Opens main's file dialog and adds what the user picks. */
  pickAndAdd(target: TargetChoice): Promise<AddSummary>;
  cancel(id: string): Promise<void>;
  cancelAll(): Promise<void>;
  retry(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  clearFinished(): Promise<void>;
  /** Stops sending but keeps what is on the server; resume() sends only the missing parts. */
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  /** Files waiting for an unreachable endpoint try again now instead of at their next attempt. */
  tryNow(): Promise<void>;
  /** Stops the adds in progress: nothing more of them is queued, and what they queued is cancelled. */
  stopAdding(): Promise<void>;

  /** Uploads a crash, a kill or a quit left unfinished (main's journal), for the "Interrupted uploads" prompt. */
  listInterrupted(): Promise<InterruptedUpload[]>;
  resumeInterrupted(uploadIds: string[]): Promise<InterruptedOutcome[]>;
  /** Aborts them on the server, verified (their rows show the cleanup). */
  discardInterrupted(uploadIds: string[]): Promise<InterruptedOutcome[]>;
  /** Incomplete multipart uploads in a bucket of a saved profile. */
  listIncomplete(where: { profileId: string; bucket: string; prefix: string }): Promise<IncompleteUploadInfo[]>;
  abortIncomplete(
    where: { profileId: string; bucket: string },
    uploads: { key: string; uploadId: string }[],
  ): Promise<IncompleteAbortResult[]>;

  answerConflict(questionId: string, choice: ConflictChoice, applyToRest: boolean): Promise<void>;

  getSettings(): Promise<SettingsView>;
  saveProfile(profile: ProfileInput): Promise<{ id: string; settings: SettingsView }>;
  deleteProfile(id: string): Promise<SettingsView>;
  testConnection(profile: ProfileInput): Promise<ConnectionResult>;
  setLanguage(language: LanguageSetting): Promise<SettingsView>;
  selectTarget(target: TargetChoice): Promise<SettingsView>;
  setWeakStorage(allow: boolean): Promise<SettingsView>;
  listNotices(): Promise<Notice[]>;
  dismissNotice(id: string): Promise<void>;

  onQueueBatch(listener: (batch: QueueBatch) => void): () => void;
  onSettingsChanged(listener: (settings: SettingsView) => void): () => void;
  onNotice(listener: (notice: Notice) => void): () => void;
  onConflict(listener: (question: ConflictQuestion) => void): () => void;
}

/** What buildApi needs from the transport: Electron's ipcRenderer in the app, a WebSocket in the E2E bridge. */
export interface ApiTransport {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
  /** '' when the File did not come from the user's disk (e.g. made in JS). */
  getPathForFile(file: File): string;
}
