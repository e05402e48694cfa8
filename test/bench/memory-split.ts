// Which part of a peak-RSS gap is a Node client's own memory and which is its executable's pages.
//
// Peak RSS counts the pages of the executable and its libraries that a process has touched (file-backed: they sit in
// the page cache, shared with every other process that maps the same files) beside its private memory (heap,
// buffers, JIT code). The node executable is about 100 MB, and Node started with nothing to run touches some 33 MB of
// it and its libraries, where a Python process with boto3 loaded has about 12 MB of such pages: a gap in peak RSS
// between a Node client and a Python one can be all file-backed pages while the Node client's private memory is the
// smaller. measure.py samples both, at the largest RSS it sees. The argument below takes those pages as they are at
// the start; the kernel could reclaim clean ones under memory pressure, which these runs do not have.
import type { Figures } from './figures';
import { FLOOR_NODE_START } from './tools';

const mb = (x: number) => `${x.toFixed(0)} MB`;

/**
 * The split of one hoist row's peak RSS against a peer's, and, from Node's own start (FLOOR_NODE_START), the most
 * private memory any Node client could hold and still stay at or under the peer's peak. Empty where the split was
 * not sampled (no /proc) or Node's start did not run.
 */
export function memorySplitText(me: Figures, peer: [string, Figures], nodeStart: Figures | undefined): string {
  const [name, p] = peer;
  if (me.priv === undefined || p.priv === undefined || !nodeStart || nodeStart.file === undefined) return '';
  const room = p.rss - nodeStart.file;
  const start =
    `Node started with nothing to run (\`${FLOOR_NODE_START}\`) is ${mb(nodeStart.rss)}, of which ${mb(nodeStart.file)} ` +
    'are pages of the node executable and its libraries (file-backed, shared through the page cache; a Node program ' +
    'cannot shed them)';
  const verdict =
    room <= 0
      ? `: already at or above ${name}'s ${mb(p.rss)}, so no Node client can be at or under it`
      : `, so a Node client stays at or under ${name}'s ${mb(p.rss)} only with at most ${mb(room)} of everything ` +
        `else, private memory included, where ${name} itself holds ${mb(p.priv)} private`;
  return `private memory at the peak (RssAnon): hoist ${mb(me.priv)}, ${name} ${mb(p.priv)}. ${start}${verdict}`;
}
