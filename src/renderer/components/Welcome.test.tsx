import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, settingsWith } from '../test/fake-api';
import { renderApp } from '../test/render-app';

afterEach(cleanup);

describe('welcome screen', () => {
  it('shows with no profiles, explains Hoist and the demo, and "Add an endpoint" opens settings', async () => {
    await renderApp(createFakeApi({ settings: settingsWith([]) }));
    expect(screen.getByRole('heading', { name: 'Welcome to Hoist' })).toBeTruthy();
    expect(screen.getByText(/uploads files and folders to Amazon S3/)).toBeTruthy();
    expect(screen.getByText('npm run demo')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Add files…' }) as HTMLButtonElement).disabled).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Add an endpoint' }));
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'New profile' })).toBeTruthy();
    expect(screen.getByLabelText('Endpoint URL')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Welcome to Hoist' })).toBeNull();
  });
});
