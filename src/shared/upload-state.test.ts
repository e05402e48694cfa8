// What the helpers say about a state must agree with what the transition table allows from it: the buttons a row
// shows (Cancel, Pause, Retry) are read off the table, not kept beside it. The table itself is not restated here.
import { describe, expect, it } from 'vitest';
import { isPausable } from './ipc-recovery';
import {
  ALLOWED_TRANSITIONS,
  canTransition,
  isActive,
  isCancellable,
  isFinished,
  isRetryable,
  isUnderWay,
  type UploadStateKind,
} from './upload-state';

const KINDS = Object.keys(ALLOWED_TRANSITIONS) as UploadStateKind[];
/** The user's actions: Retry (or Resume) queues an item again, Retry on a cleanup-failed one runs the cleanup again. */
const USER_ACTIONS: UploadStateKind[] = ['queued', 'cancelling'];

describe('the upload state helpers agree with the transition table', () => {
  it('canTransition is the table, pair by pair', () => {
    for (const from of KINDS)
      for (const to of KINDS)
        expect(canTransition(from, to), `${from} → ${to}`).toBe(ALLOWED_TRANSITIONS[from].includes(to));
  });

  it('names only known states in the table', () => {
    for (const targets of Object.values(ALLOWED_TRANSITIONS)) for (const t of targets) expect(KINDS).toContain(t);
  });

  it('sorts every state into exactly one of: waiting for its turn or the user, under way, finished', () => {
    for (const k of KINDS) {
      const waiting = k === 'queued' || k === 'paused';
      expect([waiting, isUnderWay(k), isFinished(k)].filter(Boolean), k).toHaveLength(1);
    }
  });

  it('leaves a finished state only by a user action', () => {
    for (const k of KINDS.filter(isFinished))
      for (const to of ALLOWED_TRANSITIONS[k]) expect(USER_ACTIONS, `${k} → ${to}`).toContain(to);
  });

  it('shows Pause exactly where the table lets a pause start (pausing), or take a waiting item straight to paused', () => {
    for (const k of KINDS)
      expect(isPausable(k), k).toBe(canTransition(k, 'pausing') || (!isUnderWay(k) && canTransition(k, 'paused')));
  });

  it('shows Retry exactly on finished states the table queues again', () => {
    for (const k of KINDS) expect(isRetryable(k), k).toBe(isFinished(k) && canTransition(k, 'queued'));
  });

  it('shows Cancel only where the table leads to a cancel, and on every state not finished nor already stopping', () => {
    for (const k of KINDS) {
      if (isCancellable(k)) expect(canTransition(k, 'cancelling') || canTransition(k, 'cancelled'), k).toBe(true);
      else if (!isFinished(k)) expect(['cancelling', 'failing'], k).toContain(k);
    }
  });

  it('lets every active upload be cancelled, or give up', () => {
    for (const k of KINDS.filter(isActive)) {
      expect(canTransition(k, 'cancelling'), k).toBe(true);
      expect(canTransition(k, 'failing') && canTransition(k, 'failed'), k).toBe(true);
    }
  });

  it('never takes a stop under way back to the upload: no job progress after pausing, cancelling or failing', () => {
    for (const k of ['pausing', 'cancelling', 'failing'] as const) {
      for (const to of ALLOWED_TRANSITIONS[k]) expect(isActive(to), `${k} → ${to}`).toBe(false);
    }
  });

  it('ends a cancel only as cancelled or cleanup-failed, never done', () => {
    expect(new Set(ALLOWED_TRANSITIONS.cancelling)).toEqual(new Set(['cancelled', 'cleanup-failed']));
    expect(ALLOWED_TRANSITIONS.cancelled).not.toContain('done');
  });
});
