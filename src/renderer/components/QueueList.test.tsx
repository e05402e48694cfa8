import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, makeItem, PROFILE, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

describe('virtualised queue', () => {
  it('renders a bounded number of rows for 10,000 items', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => makeItem(`file-${i}`, { kind: 'queued' }, { addedAt: i }));
    const started = performance.now();
    await renderApp(createFakeApi({ settings: settingsWith([PROFILE]), items }));
    const list = await screen.findByRole('list', { name: 'Upload queue' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.getAttribute('aria-label')).toBe('file-0.bin');
    expect(screen.getByText('10000 queued')).toBeTruthy();
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
