// The add flow's use of the one plan: Cancel all stops a folder still being listed, and main's data folder is passed
// to the walk so that every file is checked, not only the dropped paths.
import { describe, expect, it } from 'vitest';
import type { PlanOptions } from '../../engine/upload-plan';
import { createFakeEngine } from '../testing/fake-engine';
import { createAddFlow } from './add-flow';
import type { ConflictAsker } from './conflict-asker';

const target = { region: 'us-east-1', forcePathStyle: true, checksum: 'auto' as const, bucket: 'b', prefix: '' };
const settings = { resolveTarget: () => target, targetFor: () => target, profile: () => undefined };
const asker = {} as ConflictAsker;

describe('add flow', () => {
  it('Cancel all stops a listing in progress: nothing is added', async () => {
    const engine = createFakeEngine();
    let seen: PlanOptions | undefined;
    engine.plan = (_paths, _target, options) => {
      seen = options;
      // A walk that would take minutes: it ends only when told to stop.
      return new Promise((_, reject) => options!.signal!.addEventListener('abort', () => reject(options!.signal!.reason)));
    };
    const flow = createAddFlow({ engine, settings, asker, existingKeys: async () => new Set(), forbiddenRoots: ['/data/hoist'] });
    const adding = flow.add(['/home/ada/huge'], { profileId: 'p', bucket: 'b', prefix: '' });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toMatchObject({ forbiddenRoots: ['/data/hoist'] });
    flow.abortPending();
    expect(await adding).toEqual({ added: 0, skipped: 0, renamed: 0, rejected: [] });
    expect(engine.callsTo('add')).toEqual([]);
  });

  it('a listing that fails for another reason reaches the caller', async () => {
    const engine = createFakeEngine();
    engine.plan = async () => {
      throw new Error('The prefix "a/../b/" has a ".." part');
    };
    const flow = createAddFlow({ engine, settings, asker });
    await expect(flow.add(['/x'], { profileId: 'p', bucket: 'b', prefix: 'a/../b' })).rejects.toThrow('".." part');
  });
});
