// The app's engine policy: a desktop uploader waits out a lost network without a deadline (the CLI keeps 20 s).
import { describe, expect, it } from 'vitest';
import { appEngineOptions, mainPaths } from './services';

describe('appEngineOptions', () => {
  it('waits for an unreachable endpoint without a deadline, and keeps the journal in userData/state', () => {
    const options = appEngineOptions('/tmp/hoist-user-data');
    expect(options.unreachableBudgetMs).toBe(Number.POSITIVE_INFINITY);
    expect(options.stateDir).toBe(mainPaths('/tmp/hoist-user-data').stateDir);
  });
});
