// The whole window takes dropped files and folders, and says where they will go while something is dragged over.
// The Files go to window.hoist.addDropped as they are: the preload resolves their paths, the page never does.
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { destination } from '../lib/format';
import { useApp, useT } from '../store/context';

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

export function DropZone({ children }: { children: ReactNode }) {
  const target = useApp((s) => s.settings?.activeTarget ?? null);
  const addDropped = useApp((s) => s.addDropped);
  const closeSettings = useApp((s) => s.closeSettings);
  const t = useT();
  const [over, setOver] = useState(false);
  const depth = useRef(0); // dragenter/dragleave fire for every child element crossed

  const onDragEnter = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth.current++;
    setOver(true);
  };
  const onDragOver = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = target ? 'copy' : 'none';
  };
  const onDragLeave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    depth.current = 0;
    setOver(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    closeSettings();
    void addDropped(files);
  };

  return (
    <div
      className={`drop-zone${over ? ' drop-over' : ''}`}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-message">
            {target ? t('drop.overlay', { dest: destination(target.bucket, target.prefix) }) : t('notice.no-target')}
          </div>
        </div>
      )}
    </div>
  );
}
