// A log's lines go out together once per turn of the event loop, in order across both streams, and flush() sends
// what is left at once.
import { describe, expect, it } from 'vitest';
import { OutputBatch } from './batched-output';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function streams() {
  const writes: string[] = [];
  const stream = (name: string) => ({ write: (t: string) => writes.push(`${name}:${t}`), isTTY: false });
  return { writes, stdout: stream('out'), stderr: stream('err') };
}

describe('OutputBatch', () => {
  it("writes a turn's lines at the next turn, one write per run of lines to the same stream, in order", async () => {
    const { writes, stdout, stderr } = streams();
    const batch = new OutputBatch();
    const out = batch.wrap(stdout);
    const err = batch.wrap(stderr);
    out.write('{"type":"progress"}\n');
    out.write('{"type":"failed"}\n');
    err.write('hoist: a.txt cannot be read\n');
    out.write('{"type":"done"}\n');
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toEqual([
      'out:{"type":"progress"}\n{"type":"failed"}\n',
      'err:hoist: a.txt cannot be read\n',
      'out:{"type":"done"}\n',
    ]);
    err.write('done b\n');
    await turn();
    expect(writes.at(-1)).toBe('err:done b\n');
    expect(err.isTTY).toBe(false);
  });

  it('flush() sends what is waiting at once, and the turn after it sends nothing twice', async () => {
    const { writes, stderr } = streams();
    const batch = new OutputBatch();
    batch.wrap(stderr).write('done a\n');
    batch.flush();
    expect(writes).toEqual(['err:done a\n']);
    await turn();
    batch.flush();
    expect(writes).toEqual(['err:done a\n']);
  });
});
