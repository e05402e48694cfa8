// Which kind of file a name is, by its extension, for the row's icon. Only what the name says: the file is never read.

export type FileKind = 'image' | 'video' | 'audio' | 'document' | 'archive' | 'code' | 'other';

const BY_EXTENSION: Record<Exclude<FileKind, 'other'>, readonly string[]> = {
  image: [
    'jpg',
    'jpeg',
    'png',
    'gif',
    'webp',
    'heic',
    'heif',
    'tif',
    'tiff',
    'bmp',
    'svg',
    'raw',
    'cr2',
    'nef',
    'avif',
  ],
  video: ['mp4', 'mov', 'm4v', 'mkv', 'avi', 'webm', 'wmv', 'mpg', 'mpeg', 'mts'],
  audio: ['mp3', 'wav', 'flac', 'aac', 'm4a', 'ogg', 'opus', 'aiff', 'wma'],
  document: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'rtf', 'pages', 'numbers', 'key'],
  archive: ['zip', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'dmg', 'iso'],
  code: ['txt', 'md', 'csv', 'json', 'xml', 'yaml', 'yml', 'html', 'css', 'js', 'ts', 'py', 'go', 'rs', 'sh', 'log'],
};

const KIND_OF = new Map<string, FileKind>(
  Object.entries(BY_EXTENSION).flatMap(([kind, extensions]) => extensions.map((e) => [e, kind as FileKind])),
);

export function fileKindOf(name: string): FileKind {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return 'other';
  return KIND_OF.get(name.slice(dot + 1).toLowerCase()) ?? 'other';
}
