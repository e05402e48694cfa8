// Properties of the transition table as a graph: nothing gets stuck, every state and every allowed change can happen,
// and a pause, a cancel or a failure under way ends by itself. Walks are random but seeded, so a failure repeats.
// (test/engine/state-walk.test.ts drives the real engine the same way and checks every change it makes.)
import { describe, expect, it } from 'vitest';
import { ALLOWED_TRANSITIONS, canTransition, isFinished, isUnderWay, type UploadStateKind } from './upload-state';

const KINDS = Object.keys(ALLOWED_TRANSITIONS) as UploadStateKind[];
/** Where an item starts: add() queues it, restore() brings an interrupted upload back paused. */
const STARTS: UploadStateKind[] = ['queued', 'paused'];
/** Changes only a user causes: Resume or Retry, Pause, Cancel (and Retry of a cleanup), a cancel of a waiting item. */
function byUser(from: UploadStateKind, to: UploadStateKind): boolean {
  return (
    to === 'queued' ||
    to === 'pausing' ||
    to === 'cancelling' ||
    (to === 'paused' && from === 'queued') ||
    (to === 'cancelled' && !isUnderWay(from))
  );
}

function reachable(
  from: Iterable<UploadStateKind>,
  edge: (a: UploadStateKind, b: UploadStateKind) => boolean = () => true,
): Set<UploadStateKind> {
  const seen = new Set(from);
  const todo = [...seen];
  for (let k = todo.pop(); k; k = todo.pop()) {
    for (const next of ALLOWED_TRANSITIONS[k]) {
      if (seen.has(next) || !edge(k, next)) continue;
      seen.add(next);
      todo.push(next);
    }
  }
  return seen;
}

/** mulberry32: a small seeded generator, so that a walk that fails can be walked again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the transition table as a graph', () => {
  it('reaches a final state from every state', () => {
    for (const k of KINDS) expect([...reachable([k])].some(isFinished), k).toBe(true);
  });

  it('reaches every state from where items start', () => {
    expect(reachable(STARTS)).toEqual(new Set(KINDS));
  });

  it('takes every state under way to a resting one (paused or final) without the user, and never in a loop of stops', () => {
    const engineOnly = (a: UploadStateKind, b: UploadStateKind) => !byUser(a, b);
    const resting = (k: UploadStateKind) => k === 'paused' || isFinished(k);
    for (const k of KINDS.filter(isUnderWay)) expect([...reachable([k], engineOnly)].some(resting), k).toBe(true);
    // A stop under way only moves on to a resting state or another stop, and never returns to itself.
    for (const k of ['pausing', 'cancelling', 'failing'] as const) {
      const after = reachable(
        ALLOWED_TRANSITIONS[k].filter((to) => engineOnly(k, to)),
        engineOnly,
      );
      expect(after.has(k), k).toBe(false);
      for (const s of after) expect(resting(s), `${k} … ${s}`).toBe(true);
    }
  });

  it('walks at random (seeded) through every allowed change, and only through those', () => {
    const next = random(17);
    const seen = new Set<string>();
    for (let walk = 0; walk < 2000; walk++) {
      let from = STARTS[Math.floor(next() * STARTS.length)]!;
      for (let step = 0; step < 40; step++) {
        const options = ALLOWED_TRANSITIONS[from];
        if (options.length === 0) {
          expect(from).toBe('done');
          break;
        }
        const to = options[Math.floor(next() * options.length)]!;
        expect(canTransition(from, to), `${from} → ${to}`).toBe(true);
        // A finished item moves only when the user asks.
        if (isFinished(from)) expect(byUser(from, to), `${from} → ${to}`).toBe(true);
        seen.add(`${from} → ${to}`);
        from = to;
      }
    }
    const edges = KINDS.flatMap((from) => ALLOWED_TRANSITIONS[from].map((to) => `${from} → ${to}`));
    expect([...seen].sort()).toEqual(edges.sort());
  });
});
