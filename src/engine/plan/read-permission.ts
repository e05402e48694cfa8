// Whether a file's permission bits alone let this process read it, so that the walk can skip asking the system with
// access() for each file: that call (a round trip through libuv's thread pool) was about 4% of the CPU of uploading
// 1,000 small files. Only a "yes" is trusted. Where the bits say no, access() still decides: an ACL or root's
// privileges may grant what the bits deny. Where the bits say yes but an ACL or a security module denies, the file is
// not listed as unreadable up front; its upload then fails at open, naming the file and the denied permission.
import type { BigIntStats } from 'node:fs';

interface Identity {
  uid: number;
  gids: ReadonlySet<number>;
}

/** The effective user and groups; undefined where there are none (Windows), so every file is asked about. */
function identity(): Identity | undefined {
  if (typeof process.geteuid !== 'function' || typeof process.getegid !== 'function') return undefined;
  const groups = typeof process.getgroups === 'function' ? process.getgroups() : [];
  return { uid: process.geteuid(), gids: new Set([process.getegid(), ...groups]) };
}

let me: Identity | undefined | null = null;

/** True when st's owner, group or other bits (whichever class this process falls in, as POSIX checks) allow reading. */
export function readableByMode(st: Pick<BigIntStats, 'mode' | 'uid' | 'gid'>): boolean {
  if (me === null) me = identity();
  if (!me) return false;
  const mode = Number(st.mode);
  if (Number(st.uid) === me.uid) return (mode & 0o400) !== 0;
  if (me.gids.has(Number(st.gid))) return (mode & 0o040) !== 0;
  return (mode & 0o004) !== 0;
}
