import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { openConversation, openDirect, send, signUp } from './chat.helpers';

const shots = resolve(import.meta.dirname, '../../test-results');
mkdirSync(shots, { recursive: true });

test('presence, status and typing show live in the other person’s window', async ({ browser }) => {
  const ada = await signUp(browser, 'ada');
  const bob = await signUp(browser, 'bob');
  await openDirect(ada, bob);
  await send(ada, 'Hello there');
  await openConversation(bob, ada.displayName);

  const item = bob.page.getByTestId('conversation-item').filter({ hasText: ada.displayName });
  const header = bob.page.getByTestId('chat-header');
  await expect(item.getByRole('img', { name: 'Online' })).toBeVisible();
  await expect(header.getByRole('img', { name: 'Online' })).toBeVisible();
  await expect(bob.page.getByTestId('chat-subtitle')).toHaveText('Online');

  // Typing reaches Bob, and clearing the box ends it.
  const box = ada.page.getByLabel('Message', { exact: true });
  await box.pressSequentially('I am writing', { delay: 20 });
  const typing = bob.page.getByTestId('typing-indicator');
  await expect(typing).toHaveText(`${ada.displayName} is typing…`);
  await expect(typing).toHaveAttribute('aria-live', 'polite');
  await bob.page.screenshot({ path: resolve(shots, 'chat-presence-typing.png') });
  await bob.page.setViewportSize({ width: 360, height: 740 });
  await expect(typing).toHaveText(`${ada.displayName} is typing…`);
  await expect(header.getByRole('img', { name: 'Online' })).toBeVisible();
  await bob.page.screenshot({ path: resolve(shots, 'chat-presence-typing-360.png') });
  await bob.page.setViewportSize({ width: 1280, height: 800 });
  await box.fill('');
  await expect(typing).toHaveText('');

  // Sending ends typing too.
  await box.pressSequentially('one more', { delay: 20 });
  await expect(typing).toHaveText(`${ada.displayName} is typing…`);
  await box.press('Enter');
  await expect(typing).toHaveText('');

  // Ada picks a status from her own avatar.
  await ada.page.getByTestId('my-status').click();
  await ada.page.getByRole('radio', { name: /Busy/ }).check();
  await ada.page.getByLabel('Status text (optional)').fill('In a meeting');
  await ada.page.getByRole('button', { name: 'Set status' }).click();
  await expect(ada.page.getByRole('status').filter({ hasText: 'Status updated.' })).toBeVisible();
  await expect(ada.page.getByTestId('my-status').getByRole('img', { name: 'Busy' })).toBeVisible();
  await expect(item.getByRole('img', { name: 'Busy' })).toBeVisible();
  await expect(bob.page.getByTestId('chat-subtitle')).toHaveText('Busy · In a meeting');

  // Hidden from everyone: Bob sees her offline, with no last-seen time.
  await ada.page.getByLabel('Who can see when I am online').selectOption('NOBODY');
  await ada.page.getByRole('button', { name: 'Save privacy' }).click();
  await expect(ada.page.getByRole('status').filter({ hasText: 'Privacy settings saved.' })).toBeVisible();
  await expect(item.getByRole('img', { name: 'Offline' })).toBeVisible();
  await expect(bob.page.getByTestId('chat-subtitle')).toHaveText(`@${ada.username}`);

  await ada.page.getByLabel('Who can see when I am online').selectOption('EVERYONE');
  await ada.page.getByRole('button', { name: 'Save privacy' }).click();
  await expect(item.getByRole('img', { name: 'Busy' })).toBeVisible();

  // Back online, then gone: Bob sees the last-seen time.
  await ada.page.getByRole('radio', { name: /Online/ }).check();
  await ada.page.getByLabel('Status text (optional)').fill('');
  await ada.page.getByRole('button', { name: 'Set status' }).click();
  await expect(bob.page.getByTestId('chat-subtitle')).toHaveText('Online');
  await ada.context.close();
  await expect(item.getByRole('img', { name: 'Offline' })).toBeVisible({ timeout: 20_000 });
  await expect(bob.page.getByTestId('chat-subtitle')).toHaveText('last seen just now');
  await bob.context.close();
});

test('my own dot shows the status others see, from the first screen and after a reload', async ({ browser }) => {
  const kay = await signUp(browser, 'kay');
  const mine = kay.page.getByTestId('my-status');
  await expect(mine.getByRole('img', { name: 'Online' })).toBeVisible();
  await kay.page.reload();
  await expect(mine.getByRole('img', { name: 'Online' })).toBeVisible();
  await expect(mine).toHaveAccessibleName('Status and profile: Online');

  await mine.click();
  await kay.page.getByRole('radio', { name: /Busy/ }).check();
  await kay.page.getByRole('button', { name: 'Set status' }).click();
  await expect(mine.getByRole('img', { name: 'Busy' })).toBeVisible();
  // Straight to the settings page: its first answer comes before this device's socket counts.
  await kay.page.reload();
  await expect(kay.page.getByRole('heading', { name: 'Status and profile' })).toBeVisible();
  await expect(mine.getByRole('img', { name: 'Busy' })).toBeVisible();
  await kay.page.setViewportSize({ width: 360, height: 740 });
  await kay.page.goto('/');
  await expect(mine.getByRole('img', { name: 'Busy' })).toBeVisible();
  await kay.context.close();
});

test('a newly opened direct chat shows the other person’s presence at once', async ({ browser }) => {
  const ora = await signUp(browser, 'ora');
  const ned = await signUp(browser, 'ned');
  await openDirect(ned, ora);
  await expect(ned.page.getByTestId('chat-header').getByRole('img', { name: 'Online' })).toBeVisible();
  await expect(ned.page.getByTestId('chat-subtitle')).toHaveText('Online');
  const item = ned.page.getByTestId('conversation-item').filter({ hasText: ora.displayName });
  await expect(item.getByRole('img', { name: 'Online' })).toBeVisible();

  const pia = await signUp(browser, 'pia', { width: 360, height: 740 });
  await openDirect(pia, ora);
  await expect(pia.page.getByTestId('chat-subtitle')).toHaveText('Online');
  for (const user of [ora, ned, pia]) await user.context.close();
});

test('the status picker and chat work at 360 px wide', async ({ browser }) => {
  const eve = await signUp(browser, 'eve', { width: 360, height: 740 });
  await eve.page.getByTestId('my-status').click();
  await expect(eve.page.getByRole('heading', { name: 'Status and profile' })).toBeVisible();
  await eve.page.getByLabel('Display name').fill('Eve Renamed');
  await eve.page.getByRole('button', { name: 'Save profile' }).click();
  await expect(eve.page.getByRole('status').filter({ hasText: 'Profile saved.' })).toBeVisible();
  const width = await eve.page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await eve.page.reload();
  await expect(eve.page.getByLabel('Display name')).toHaveValue('Eve Renamed');
  await eve.context.close();
});
