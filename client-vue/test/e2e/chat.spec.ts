import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { openConversation, openDirect, send, sentTexts, signUp } from './chat.helpers';

const shots = resolve(import.meta.dirname, '../../test-results');
mkdirSync(shots, { recursive: true });

test('two people open a direct chat and talk live', async ({ browser }) => {
  const ada = await signUp(browser, 'ada');
  const bob = await signUp(browser, 'bob');
  await openDirect(ada, bob);
  await send(ada, 'Hi Bob! Have you seen https://example.com/plans?');

  const item = bob.page.getByTestId('conversation-item').filter({ hasText: ada.displayName });
  await expect(item).toBeVisible();
  await expect(item.getByTestId('unread-badge')).toHaveText(/1/);
  await expect(item.getByTestId('conversation-preview')).toContainText('Hi Bob!');
  await openConversation(bob, ada.displayName);
  await expect(sentTexts(bob.page)).toHaveText(['Hi Bob! Have you seen https://example.com/plans?']);
  await expect(bob.page.locator('[data-testid=message] a')).toHaveAttribute('rel', 'noopener noreferrer');

  await send(bob, 'Yes, looks great.\nLet us go.');
  await expect(sentTexts(ada.page)).toHaveText([
    'Hi Bob! Have you seen https://example.com/plans?',
    'Yes, looks great.\nLet us go.',
  ]);
  await expect(ada.page.getByTestId('announcer')).toContainText('Yes, looks great.');

  // Reply with the quoted message.
  await ada.page.getByRole('button', { name: `Reply to ${bob.displayName}` }).click();
  await send(ada, 'Perfect');
  await expect(bob.page.locator('[data-testid=message]').last().locator('blockquote')).toContainText(
    'Yes, looks great.',
  );
  await expect(ada.page.locator('[data-testid=message-pending]')).toHaveCount(0);

  await ada.page.screenshot({ path: resolve(shots, 'chat-desktop.png') });
  await ada.page.setViewportSize({ width: 390, height: 844 });
  await ada.page.screenshot({ path: resolve(shots, 'chat-390.png') });
  await ada.context.close();
  await bob.context.close();
});

test('a group of three people', async ({ browser }) => {
  const [ann, ben, cat] = [await signUp(browser, 'ann'), await signUp(browser, 'ben'), await signUp(browser, 'cat')];
  await ann.page.getByTestId('new-conversation').click();
  await ann.page.getByTestId('group-tab').click();
  await ann.page.getByLabel('Group name').fill('Weekend trip');
  for (const member of [ben, cat]) {
    await ann.page.getByTestId('user-search').fill(member.username);
    await ann.page.locator(`[data-username="${member.username}"]`).click();
  }
  await ann.page.getByTestId('create-group').click();
  await expect(ann.page.getByTestId('chat-title')).toHaveText('Weekend trip');
  await send(ann, 'Who is in?');

  for (const member of [ben, cat]) {
    await openConversation(member, 'Weekend trip');
    await expect(sentTexts(member.page)).toHaveText(['Who is in?']);
  }
  await send(cat, 'Me!');
  await send(ben, 'Me too');
  for (const member of [ann, ben, cat]) {
    await expect(sentTexts(member.page)).toHaveText(['Who is in?', 'Me!', 'Me too']);
  }

  await ann.page.getByTestId('conversation-info').click();
  await expect(ann.page.getByTestId('member-list').locator('li')).toHaveCount(3);
  await expect(ann.page.getByTestId('member-list')).toContainText('Owner');
  await ann.page.screenshot({ path: resolve(shots, 'group-info-desktop.png') });
  for (const member of [ann, ben, cat]) await member.context.close();
});

test('a receiver that was offline gets every message once, in order', async ({ browser }) => {
  const sue = await signUp(browser, 'sue');
  const tom = await signUp(browser, 'tom');
  await openDirect(sue, tom);
  await send(sue, 'before');
  await openConversation(tom, sue.displayName);
  await expect(sentTexts(tom.page)).toHaveText(['before']);

  await tom.context.setOffline(true);
  await expect(tom.page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  for (const text of ['one', 'two', 'three']) await send(sue, text);
  await expect(sentTexts(sue.page)).toHaveText(['before', 'one', 'two', 'three']);

  await tom.context.setOffline(false);
  await expect(sentTexts(tom.page)).toHaveText(['before', 'one', 'two', 'three']);
  // Events arrive in seq order: a replayed duplicate would show up before a message sent after the catch-up.
  await send(sue, 'four');
  await expect(sentTexts(tom.page)).toHaveText(['before', 'one', 'two', 'three', 'four']);
  await sue.context.close();
  await tom.context.close();
});

test('messages written offline are sent once each, in order, when the connection returns', async ({ browser }) => {
  const uma = await signUp(browser, 'uma');
  const vic = await signUp(browser, 'vic');
  await openDirect(uma, vic);
  await send(uma, 'online first');
  await openConversation(vic, uma.displayName);
  await expect(sentTexts(vic.page)).toHaveText(['online first']);

  await uma.context.setOffline(true);
  await expect(uma.page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await send(uma, 'written offline 1');
  await send(uma, 'written offline 2');
  await expect(uma.page.locator('[data-testid=message-pending]')).toHaveCount(2);
  // Vic's reply goes through the server after Uma's attempts: had those leaked, they would come before it.
  await send(vic, 'are you there?');
  await expect(sentTexts(vic.page)).toHaveText(['online first', 'are you there?']);

  await uma.context.setOffline(false);
  const all = ['online first', 'are you there?', 'written offline 1', 'written offline 2'];
  await expect(sentTexts(vic.page)).toHaveText(all);
  await expect(uma.page.locator('[data-testid=message-pending]')).toHaveCount(0);
  await expect(sentTexts(uma.page)).toHaveText(all);
  // Events arrive in seq order: a duplicate would show up before a message sent after the catch-up.
  await send(uma, 'done');
  await expect(sentTexts(vic.page)).toHaveText([...all, 'done']);
  await uma.context.close();
  await vic.context.close();
});

test('reloading keeps the session and the conversation', async ({ browser }) => {
  const wes = await signUp(browser, 'wes');
  const xia = await signUp(browser, 'xia');
  await openDirect(wes, xia);
  await send(wes, 'still here after reload');
  await expect(sentTexts(wes.page)).toHaveText(['still here after reload']);
  await wes.page.reload();
  await expect(wes.page.getByTestId('chat-title')).toHaveText(xia.displayName);
  await expect(sentTexts(wes.page)).toHaveText(['still here after reload']);
  await expect(wes.page.getByTestId('conversation-item')).toHaveCount(1);
  await wes.context.close();
  await xia.context.close();
});

test('the tab title shows the unread total across conversations, live, and resets at 0', async ({ browser }) => {
  const bea = await signUp(browser, 'bea', { width: 360, height: 740 });
  const cid = await signUp(browser, 'cid');
  const dan = await signUp(browser, 'dan');
  await expect(bea.page).toHaveTitle('Parley');
  await openDirect(cid, bea);
  await send(cid, 'one');
  await expect(bea.page).toHaveTitle('(1) Parley');
  await openDirect(dan, bea);
  await send(dan, 'two');
  await send(dan, 'three');
  await expect(bea.page).toHaveTitle('(3) Parley');

  await openConversation(bea, cid.displayName);
  await expect(bea.page).toHaveTitle('(2) Parley');
  await bea.page.getByRole('link', { name: 'Back to conversations' }).click();
  await openConversation(bea, dan.displayName);
  await expect(bea.page).toHaveTitle('Parley');
  // Read on screen as it arrives: nothing is added.
  await send(dan, 'four');
  await expect(sentTexts(bea.page)).toHaveText(['two', 'three', 'four']);
  await expect(bea.page).toHaveTitle('Parley');
  for (const user of [bea, cid, dan]) await user.context.close();
});
