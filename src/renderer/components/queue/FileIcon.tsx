// A small page-shaped icon per kind of file, drawn inline (no image request, and it takes the theme's colours).
import { memo, type ReactElement } from 'react';
import { fileKindOf, type FileKind } from './file-kind';

/** The mark drawn on the page, in a 24×24 box; the page outline is shared. */
const MARKS: Record<FileKind, ReactElement> = {
  image: (
    <>
      <circle cx="9.5" cy="11" r="1.6" />
      <path d="M6.5 18.5 L10.5 14 L13 16.5 L15 14.5 L17.5 18.5 Z" />
    </>
  ),
  video: <path d="M9.5 11 L15.5 14.5 L9.5 18 Z" />,
  audio: <path d="M14.5 9.5 V16.2 A1.8 1.8 0 1 1 13 14.5 V11.3 L10.5 12 V17.2 A1.8 1.8 0 1 1 9 15.5 V10.8 Z" />,
  document: (
    <>
      <rect x="7.5" y="11" width="9" height="1.4" rx="0.7" />
      <rect x="7.5" y="14" width="9" height="1.4" rx="0.7" />
      <rect x="7.5" y="17" width="6" height="1.4" rx="0.7" />
    </>
  ),
  archive: (
    <>
      <rect x="11" y="4" width="2" height="2" />
      <rect x="11" y="8" width="2" height="2" />
      <rect x="11" y="12" width="2" height="2" />
      <rect x="10" y="15" width="4" height="4" rx="1" />
    </>
  ),
  code: (
    <path
      d="M10 11 L7.5 14.5 L10 18 M14 11 L16.5 14.5 L14 18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  ),
  other: <></>,
};

/** Memoised: a row re-renders on every progress batch, its file name never changes. */
export const FileIcon = memo(function FileIcon({ name }: { name: string }) {
  const kind = fileKindOf(name);
  return (
    <svg
      className={`file-icon file-${kind}`}
      data-kind={kind}
      width="24"
      height="24"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path className="file-page" d="M5 2.5 H14 L19.5 8 V21.5 H5 Z" />
      <path className="file-fold" d="M14 2.5 V8 H19.5" />
      <g className="file-mark">{MARKS[kind]}</g>
    </svg>
  );
});
