// A log's lines go out together once per turn of the event loop, in order, and flush() sends what is left at once.
import { describe, expect, it } from 'vitest';
import { BatchedOutput } from './batched-output';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('BatchedOutput', () => {
  it("writes a turn's lines in one write, in order, at the next turn", async () => {
    const writes: string[] = [];
    const out = new BatchedOutput({ write: (t: string) => writes.push(t), isTTY: false });
    out.write('uploading a\n');
    out.write('uploading b\n');
    out.write('done a\n');
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toEqual(['uploading a\nuploading b\ndone a\n']);
    out.write('done b\n');
    await turn();
    expect(writes).toEqual(['uploading a\nuploading b\ndone a\n', 'done b\n']);
    expect(out.isTTY).toBe(false);
  });

  it('flush() sends what is waiting at once, and the turn after it sends nothing twice', async () => {
    const writes: string[] = [];
    const out = new BatchedOutput({ write: (t: string) => writes.push(t) });
    out.write('done a\n');
    out.flush();
    expect(writes).toEqual(['done a\n']);
    await turn();
    out.flush();
    expect(writes).toEqual(['done a\n']);
  });
});
