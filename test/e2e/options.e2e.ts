// Upload options (issue 20), from the target bar: the Options panel set for the next drops (a fixed Content-Type,
// Cache-Control, a metadata entry, a tag and a storage class), files dropped against moto — a small one (PutObject)
// and one of two parts (CreateMultipartUpload) — and the server asked what each object got. Then the profile form's
// "Upload options" section, and the panel in Japanese at 800 px (the choice is main's: a second window shows it).
// Screenshots: options.png, settings-options.png, options-ja.png.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMMAND } from '../../src/shared/ipc-channels';
import { cleanupTempDirs, makeFile, makeTempDir } from '../harness/fixtures';
import { awsCli, headObject } from '../harness/s3-check';
import { openApp, startSession, type AppPage } from './support/app';
import { launchChromium } from './support/browser';
import { expectSameBytes } from './support/s3';

const MiB = 1024 * 1024;
const CONTENT_TYPE = 'text/markdown; charset=utf-8';

let browser: Browser;
let dir: string;
const s3 = () => inject('s3Endpoint');

beforeAll(async () => {
  [browser, dir] = await Promise.all([launchChromium(), makeTempDir('hoist-e2e-options-')]);
});

afterAll(async () => {
  await browser?.close();
  await cleanupTempDirs();
});

/** The target bar's Options button (its name says how many fields differ from the profile's, once some do). */
const optionsButton = (app: AppPage) =>
  app.page
    .getByRole('region', { name: app.t('target.label') })
    .getByRole('button', { name: new RegExp(`^${app.t('options.button')}`) });
const optionsPanel = (app: AppPage) => app.page.getByRole('group', { name: app.t('options.panelTitle') });

/** Fails with every element past the right edge, named, and the document's own width. */
async function expectNoOverflow(app: AppPage, what: string): Promise<void> {
  const report = await app.overflow();
  expect(report.scrollWidth, `${what}: the document is wider than the window`).toBeLessThanOrEqual(report.innerWidth);
  expect(report.elements, `${what}: elements past the right edge at ${report.clientWidth} px`).toEqual([]);
}

/** The AWS CLI's JSON answer for an s3api call (boto3, not the SDK the app uses). */
async function s3api<T>(args: string[]): Promise<T> {
  return JSON.parse(await awsCli(s3(), ['s3api', ...args, '--output', 'json'])) as T;
}

describe('upload options', () => {
  it('sets a drop’s options in the target bar, and the objects on the server get them', async () => {
    const session = await startSession({ browser, s3Endpoint: s3() });
    const { app, bridge, bucket } = session;
    const { page, t } = app;
    let japanese: AppPage | undefined;
    try {
      const files = {
        'notes.md': await makeFile(dir, 'notes.md', 2_000, 3),
        'scan.pdf': await makeFile(dir, 'scan.pdf', 9 * MiB, 4),
      };

      // The panel, prefilled from the profile (detect the type, no headers, server defaults), then changed.
      await optionsButton(app).click();
      const panel = optionsPanel(app);
      await panel.waitFor();
      await expect.poll(() => panel.getByLabel(t('options.contentType'), { exact: true }).inputValue()).toBe('auto');
      await panel.getByLabel(t('options.contentType'), { exact: true }).selectOption('fixed');
      await panel.getByLabel(t('options.contentTypeValue')).fill(CONTENT_TYPE);
      await panel.getByLabel(t('options.cacheControl')).fill('max-age=300, public');
      await panel.getByRole('button', { name: t('options.addMetadata') }).click();
      const item = (what: 'options.metadataItem' | 'options.tagItem', part: 'options.rowKey' | 'options.rowValue') =>
        panel.getByLabel(t(part, { what: t(what), n: 1 }));
      await item('options.metadataItem', 'options.rowKey').fill('project');
      await item('options.metadataItem', 'options.rowValue').fill('hoist');
      await panel.getByRole('button', { name: t('options.addTag') }).click();
      await item('options.tagItem', 'options.rowKey').fill('team');
      await item('options.tagItem', 'options.rowValue').fill('docs');
      await panel.getByLabel(t('options.storageClass')).selectOption('STANDARD_IA');
      await app.screenshot('options.png');

      // Done sends them to main as the active target's options; the button then counts what differs.
      await panel.getByRole('button', { name: t('options.done') }).click();
      await expect.poll(() => optionsButton(app).getAttribute('aria-label')).toBe(t('options.buttonChanged', { n: 5 }));
      const settings = await bridge.invoke(COMMAND.getSettings, undefined);
      expect(settings.activeTarget?.options).toMatchObject({
        contentType: { mode: 'fixed', value: CONTENT_TYPE },
        tags: [{ key: 'team', value: 'docs' }],
      });

      await app.drop(files);
      for (const name of Object.keys(files))
        await expect.poll(() => app.rowState(name).textContent(), { timeout: 60_000 }).toBe(t('state.done'));
      await expectSameBytes(s3(), bucket, files);

      // What the server holds for each: HeadObject (type, cache, metadata, storage class) and GetObjectTagging.
      for (const key of Object.keys(files)) {
        const head = await headObject(s3(), bucket, key);
        expect(head?.contentType, `${key}: Content-Type`).toBe(CONTENT_TYPE);
        expect(head?.metadata, `${key}: metadata`).toEqual({ project: 'hoist' });
        const full = await s3api<{ CacheControl?: string; StorageClass?: string }>([
          'head-object',
          '--bucket',
          bucket,
          '--key',
          key,
        ]);
        expect(full.CacheControl, `${key}: Cache-Control`).toBe('max-age=300, public');
        expect(full.StorageClass, `${key}: storage class`).toBe('STANDARD_IA');
        const tagging = await s3api<{ TagSet: { Key: string; Value: string }[] }>([
          'get-object-tagging',
          '--bucket',
          bucket,
          '--key',
          key,
        ]);
        expect(tagging.TagSet, `${key}: tags`).toEqual([{ Key: 'team', Value: 'docs' }]);
      }

      // The profile's own defaults in Settings.
      await app.action(t('action.settings'));
      const section = page.getByRole('region', { name: t('options.title') });
      await section.waitFor();
      await section.scrollIntoViewIfNeeded();
      await app.screenshot('settings-options.png');
      await app.action(t('action.settings'));
      await optionsButton(app).waitFor();

      // Japanese at 800 px: a second window on the same main shows the drop's options and their count.
      japanese = await openApp(browser, bridge, { locale: 'ja-JP', viewport: { width: 800, height: 600 } });
      expect(japanese.language).toBe('ja');
      await expectNoOverflow(japanese, 'the target bar in Japanese at 800 px');
      await optionsButton(japanese).click();
      const jaPanel = optionsPanel(japanese);
      await jaPanel.waitFor();
      await expect
        .poll(() => jaPanel.getByLabel(japanese!.t('options.cacheControl')).inputValue())
        .toBe('max-age=300, public');
      await japanese.screenshot('options-ja.png');
      await expectNoOverflow(japanese, 'the Options panel in Japanese at 800 px');
      await japanese.page.setViewportSize({ width: 1040, height: 720 });
      await expectNoOverflow(japanese, 'the Options panel in Japanese at 1040 px');
      expect(japanese.problems, 'errors in the Japanese page').toEqual([]);

      // And the English window at 800 px with the panel open.
      await page.setViewportSize({ width: 800, height: 600 });
      await optionsButton(app).click();
      await optionsPanel(app).waitFor();
      await expectNoOverflow(app, 'the Options panel at 800 px');
      session.expectClean();
    } finally {
      await japanese?.close();
      await session.close();
    }
  });
});
