// The start's sweep of create records: what each outcome tells the user, once per session although the second look
// (after a too-soon one) sweeps every record again.
import { expect, it } from 'vitest';
import type { CreateRecord, CreateSweep } from '../../engine';
import { sweepCreatesAtStart } from './startup-sweep';

const record = (key: string): CreateRecord => ({
  version: 1,
  path: `/photos/${key}`,
  endpointUrl: 'https://s3.example.test',
  region: 'us-east-1',
  forcePathStyle: false,
  checksum: 'auto',
  profileId: 'p1',
  bucket: 'b',
  key,
  sentAt: 1_700_000_000_000,
  owner: { pid: 2 ** 30, host: 'gone' },
});

it('tells each record once per session: a record no profile reaches, then one settled on the second look', async () => {
  const orphan = record('orphan.bin');
  const early = record('early.bin');
  const kept: CreateSweep = { kind: 'kept', record: orphan, why: 'unreachable', file: '/state/uploads/orphan.create' };
  // The first look comes too soon for one record (its window closed a moment ago: the second look follows at once).
  const passes: CreateSweep[][] = [
    [
      kept,
      { kind: 'too-soon', record: early, file: '/state/uploads/early.create', until: Date.now() - 2000, removed: 0 },
    ],
    [kept, { kind: 'none-made', record: early, file: '/state/uploads/early.create' }],
  ];
  const told: { kind: string; params: Record<string, string> }[] = [];
  let sweeps = 0;
  await sweepCreatesAtStart(
    { sweepCreates: async () => passes[Math.min(sweeps++, passes.length - 1)]! },
    () => undefined,
    {
      add: (kind, level, params = {}) => {
        told.push({ kind, params });
        return { id: String(told.length), kind, level, params, at: Date.now() };
      },
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(sweeps).toBe(2);
  expect(told.map((n) => [n.kind, n.params.key])).toEqual([
    ['create-unchecked', 'orphan.bin'],
    ['create-settled', 'early.bin'],
  ]);
  expect(told[0]!.params.record).toBe('/state/uploads/orphan.create');
});
