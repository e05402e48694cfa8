// How many bytes the kernel holds for a local port's sockets that no one has read yet (Linux, /proc/net/tcp): what had
// reached a throttled proxy's machine but not the proxy, when a test or the bench wants to tell bytes sent before a
// cancel from bytes sent after it.
import { readFileSync } from 'node:fs';

/** The st column of a listening socket in /proc/net/tcp (TCP_LISTEN). */
const LISTEN = '0A';

/** Bytes waiting in the kernel receive queues of the connections accepted on this local port (Linux). */
export function receiveQueueBytes(port: number): number {
  let total = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      const queues = cols[4];
      if (!local || !queues) continue;
      // A listening socket's "receive queue" is its backlog of connections not yet accepted, not bytes.
      if (cols[3] === LISTEN) continue;
      if (parseInt(local.slice(local.lastIndexOf(':') + 1), 16) !== port) continue;
      total += parseInt(queues.split(':')[1]!, 16);
    }
  }
  return total;
}
