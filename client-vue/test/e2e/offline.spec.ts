import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDirect, send, sentTexts, signUp, waitForServiceWorker } from './chat.helpers';

test('the service worker serves the app shell offline, with the cached conversations and messages', async ({
  browser,
}) => {
  const yan = await signUp(browser, 'yan');
  const zoe = await signUp(browser, 'zoe');
  await openDirect(yan, zoe);
  await send(yan, 'cached for later');
  await expect(sentTexts(yan.page)).toHaveText(['cached for later']);
  await waitForServiceWorker(yan.page);

  await yan.context.setOffline(true);
  await yan.page.reload();
  await expect(yan.page.getByTestId('chat-title')).toHaveText(zoe.displayName);
  await expect(sentTexts(yan.page)).toHaveText(['cached for later']);
  await expect(yan.page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await yan.page.goto('/');
  await expect(yan.page.getByTestId('conversation-item')).toHaveText(new RegExp(zoe.displayName));
  await yan.context.close();
  await zoe.context.close();
});

test('the service worker leaves the explorer, the API and uploads to the server', async ({ browser }) => {
  const uma = await signUp(browser, 'uma');
  await waitForServiceWorker(uma.page);
  // The app's own routes do come from the cached shell.
  expect((await uma.page.goto('/new'))?.fromServiceWorker()).toBe(true);
  for (const path of ['/explorer', '/explorer/', '/explorer?tab=docs', '/graphql', '/uploads/a1b2/photo.jpg']) {
    const response = await uma.page.goto(path);
    expect(response?.fromServiceWorker(), path).toBe(false);
  }
  await uma.context.close();
});

test('the app is installable and measures its first conversation list render', async ({ browser }) => {
  const user = await signUp(browser, 'ivy');
  const manifest = await user.page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel=manifest]');
    return link
      ? ((await (await fetch(link.href)).json()) as {
          name: string;
          icons: { sizes: string; purpose?: string }[];
          display: string;
          start_url: string;
        })
      : null;
  });
  expect(manifest?.name).toBe('Parley');
  expect(manifest?.display).toBe('standalone');
  expect(manifest?.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest?.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  await waitForServiceWorker(user.page);
  const cdp = await user.context.newCDPSession(user.page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: { errorId: string }[];
  };
  // Playwright contexts are incognito profiles, which Chromium never offers to install into; every other criterion applies.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

  const page = await user.context.newPage();
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-testid=conversation-list], .sidebar__empty')) {
        (window as unknown as { __listRenderedAt: number }).__listRenderedAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  await page.goto('/');
  await page.waitForFunction(() => (window as unknown as { __listRenderedAt?: number }).__listRenderedAt !== undefined);
  const ms = await page.evaluate(() => (window as unknown as { __listRenderedAt: number }).__listRenderedAt);
  const dir = resolve(import.meta.dirname, '../../test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    resolve(dir, 'first-render.json'),
    JSON.stringify({ firstConversationListRenderMs: Math.round(ms) }, null, 2),
  );
  console.log(`first conversation list render: ${Math.round(ms)} ms`);
  expect(ms).toBeLessThan(5000);
  await user.context.close();
});
