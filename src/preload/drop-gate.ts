// Only files the user really dropped may become paths.
//
// Threat: script running in the page (an XSS, a compromised dependency) calls window.hoist.addDropped(files) with
// File objects it got some other way, hoping main uploads them to a bucket it controls. webUtils.getPathForFile
// already returns '' for Files made in JS, but a File from an <input type=file> or an earlier drop still has a path.
// So the preload listens, in its own isolated world and in the capture phase (the page cannot stop it), for drop
// events that the browser marks isTrusted (a script cannot fake one), and remembers the paths of their files for a
// while. addDropped resolves a File to a path only if that path came from such a drop.
//
// This is Electron-only glue: the E2E bridge supplies its own getPathForFile instead of this gate.

export interface DropLike {
  isTrusted: boolean;
  dataTransfer: { files: ArrayLike<File> } | null;
}

export interface DropGate {
  /** Feed every drop event seen by the preload's capture-phase listener. */
  onDrop(event: DropLike): void;
  /** The file's path when it came from a recent trusted drop; '' otherwise (which buildApi refuses). */
  pathFor(file: File): string;
}

export interface DropGateOptions {
  resolve(file: File): string;
  now?: () => number;
  /** How long after a drop its files may still be added (conflict questions can keep the page busy). */
  ttlMs?: number;
}

export function createDropGate({ resolve, now = Date.now, ttlMs = 10 * 60_000 }: DropGateOptions): DropGate {
  const allowed = new Map<string, number>();

  const forget = () => {
    const cutoff = now() - ttlMs;
    for (const [path, at] of allowed) if (at < cutoff) allowed.delete(path);
  };

  return {
    onDrop(event) {
      if (!event.isTrusted || !event.dataTransfer) return;
      forget();
      const files = event.dataTransfer.files;
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        if (!file) continue;
        let path = '';
        try {
          path = resolve(file);
        } catch {
          continue;
        }
        if (path) allowed.set(path, now());
      }
    },
    pathFor(file) {
      forget();
      const path = resolve(file); // throws for a non-File, as buildApi expects
      return path !== '' && allowed.has(path) ? path : '';
    },
  };
}
