// Scenario 4, from the first run: the welcome (no profiles), then a profile added in Settings with a wrong endpoint
// (Test connection answers in plain words), fixed (OK), saved — and the secret never comes back to the page: not in
// the DOM, not in any WebSocket frame the page receives, not in the settings file in plain text.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { marker } from './bridge/server';
import { startSession } from './support/app';
import { launchChromium } from './support/browser';
import { serverState } from './support/s3';

let browser: Browser;
const s3 = () => inject('s3Endpoint');

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A loopback port nothing listens on (connections are refused at once). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe('4. settings', () => {
  it('welcome → wrong endpoint gives a plain error → fixed, OK → saved; the secret never reaches the page', async () => {
    const session = await startSession({ browser, s3Endpoint: s3(), noProfile: true });
    const { app, bridge, bucket } = session;
    const { page, t } = app;
    const secret = marker('hoist-e2e-secret-');
    try {
      // First run: the welcome, and its one action.
      await expect.poll(() => page.getByRole('heading', { name: t('welcome.title') }).isVisible()).toBe(true);
      await app.screenshot('welcome.png');
      await page.getByRole('button', { name: t('welcome.add') }).click();

      const form = page.getByRole('form');
      const field = (label: Parameters<typeof t>[0]) => form.getByLabel(t(label), { exact: true });
      const wrong = `http://127.0.0.1:${await closedPort()}`;
      await field('field.name').fill('Photos');
      await field('field.endpointUrl').fill(wrong);
      await field('field.bucket').fill(bucket);
      await form.getByLabel(t('field.forcePathStyle')).check();
      await field('field.accessKeyId').fill('test');
      await field('field.secret').fill(secret);

      const testButton = form.getByRole('button', { name: t('action.test'), exact: true });
      const result = form.getByRole('status', { name: t('action.test') });
      await testButton.click();
      await expect.poll(() => result.locator('strong').textContent(), { timeout: 60_000 }).toBe(t('conn.unreachable'));
      const detail = (await result.locator('.test-detail').textContent()) ?? '';
      console.log(`[e2e] scenario 4 wrong endpoint: "${t('conn.unreachable')}" — "${detail}"`);
      // Plain: one line a person can act on, naming the endpoint; no stack, no object dump, no secret.
      expect(detail).toContain(wrong.replace('http://', ''));
      expect(detail).not.toMatch(/\n|\bat \S+:\d+:\d+|\[object |^\{|undefined/);
      expect(detail).not.toContain(secret);

      await field('field.endpointUrl').fill(s3());
      await testButton.click();
      await expect.poll(() => result.locator('strong').textContent(), { timeout: 30_000 }).toBe(t('conn.ok'));
      await expect.poll(() => result.locator('.test-detail').count()).toBe(0);

      await form.getByRole('button', { name: t('action.save'), exact: true }).click();
      // Saving a new profile reopens the form as that profile: its name as the heading, the secret shown as set.
      await expect.poll(() => page.getByRole('heading', { name: 'Photos', exact: true }).isVisible()).toBe(true);
      await expect
        .poll(() => page.locator('#profile-secret-hint').textContent())
        .toBe(t('secret.status', { status: `${t('secret.set')} (${t('secret.kept.keychain')})` }));
      // The saved profile tests OK with its stored secret (the form's secret field is empty now).
      await expect.poll(() => field('field.secret').inputValue()).toBe('');
      await testButton.click();
      await expect.poll(() => result.locator('strong').textContent(), { timeout: 30_000 }).toBe(t('conn.ok'));
      await app.screenshot('settings.png');

      // The secret went out (the page sent it to save and to test)…
      expect(
        app.framesSent.some((f) => f.includes(secret)),
        'the recorder saw the secret being sent',
      ).toBe(true);
      // …and never came back: not in what the page received, not in what the server sent, not in the DOM.
      expect(app.framesReceived.length).toBeGreaterThan(3);
      expect(app.framesReceived.filter((f) => f.includes(secret))).toEqual([]);
      expect(bridge.sentFrames.filter((f) => f.includes(secret))).toEqual([]);
      expect(await app.allText()).not.toContain(secret);
      // A reloaded window rebuilds everything from main: still no secret, and the profile is the target.
      await page.reload();
      await page.getByRole('region', { name: t('target.label') }).waitFor();
      expect(await app.allText()).not.toContain(secret);
      expect(app.framesReceived.filter((f) => f.includes(secret))).toEqual([]);
      // At rest: the settings file holds the SecretBox's ciphertext, never the plain text.
      const file = await readFile(join(bridge.userDataDir, 'settings.json'), 'utf8');
      expect(file).toContain('"keychain"');
      expect(file).not.toContain(secret);

      expect(await serverState(s3(), bucket)).toEqual({ objects: [], uploads: [] });
      session.expectClean();
    } finally {
      await session.close();
    }
  });
});
