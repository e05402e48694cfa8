// A folder that broke the walk before (issue 15): a link loop, two self-links, a link escaping to a folder with a
// secret, a FIFO, a socket, and odd names (NFD, a name made of "..\", a control character). Built fresh by each
// test that needs it, on POSIX only (links, FIFOs and sockets as Linux and macOS have them).
import { spawnSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const NFD_NAME = 'Cafe\u0301.txt';
export const EVIL_NAME = '..\\..\\evil.txt';
export const CONTROL_NAME = 'bad\u001b[31mname.txt';

export interface TrickyFolder {
  /** The folder to drop: <base>/album. */
  album: string;
  /** <base>/outside, which album/escape points to; holds id_rsa. */
  outside: string;
  /** The real files inside album that can be uploaded, by their names inside album (NFD as written). */
  uploadable: string[];
  /** Links inside album, relative to it. */
  links: { loop: string; self: string[]; escape: string };
  fifo: string;
  socket: string;
}

export async function makeTrickyFolder(base: string): Promise<TrickyFolder> {
  const album = join(base, 'album');
  const outside = join(base, 'outside');
  await mkdir(join(album, 'inner'), { recursive: true });
  await mkdir(join(album, 'sub'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(join(outside, 'id_rsa'), 'SECRET KEY\n');
  await writeFile(join(album, 'a'), 'x\n');
  await writeFile(join(album, 'sub', 'b.txt'), 'b\n');
  await writeFile(join(album, NFD_NAME), 'nfd\n');
  await writeFile(join(album, EVIL_NAME), 'evil\n');
  await writeFile(join(album, CONTROL_NAME), 'control\n');
  // mkdir d; echo x > d/a; mkdir d/inner; ln -s .. d/inner/up  — and  ln -s . d/x; ln -s . d/y
  await symlink('..', join(album, 'inner', 'up'));
  await symlink('.', join(album, 'x'));
  await symlink('.', join(album, 'y'));
  await symlink('../outside', join(album, 'escape'));
  const fifo = join(album, 'pipe');
  const socket = join(album, 'sock');
  makeFifo(fifo);
  makeSocket(socket);
  return {
    album,
    outside,
    uploadable: ['a', NFD_NAME, 'sub/b.txt'],
    links: { loop: 'inner/up', self: ['x', 'y'], escape: 'escape' },
    fifo,
    socket,
  };
}

export function makeFifo(path: string): void {
  run('mkfifo', [path]);
}

/** A socket file, as a server leaves it: a bound socket's file outlives the process (Node's server removes its own). */
export function makeSocket(path: string): void {
  run('python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', path]);
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
}
