import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { messageWith, openConversation, openDirect, openMenu, send, signUp } from './chat.helpers';

const shots = resolve(import.meta.dirname, '../../test-results');
const screens = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: '360 px', viewport: { width: 360, height: 740 } },
];

for (const { name, viewport } of screens) {
  test(`two people edit, react, reply in a thread, forward, delete and see ticks turn to read (${name})`, async ({
    browser,
  }) => {
    const ada = await signUp(browser, 'ada', viewport);
    const bob = await signUp(browser, 'bob');
    const cat = await signUp(browser, 'cat');
    // A second chat of Ada's, to forward into.
    await openDirect(ada, cat);
    if (viewport.width < 760) await ada.page.getByRole('link', { name: 'Back to conversations' }).click();
    await ada.page.getByTestId('new-conversation').click();
    await ada.page.getByTestId('user-search').fill(bob.username);
    await ada.page.locator(`[data-username="${bob.username}"]`).click();
    await expect(ada.page.getByTestId('chat-title')).toHaveText(bob.displayName);

    // Ticks: delivered while Bob's app has it but he has not opened the chat, read once he has.
    await send(ada, 'Lunch at *noon*?');
    const lunch = messageWith(ada.page, 'Lunch at noon?');
    await expect(lunch.locator('strong')).toHaveText('noon');
    await expect(lunch.getByTestId('ticks')).toHaveAttribute('data-state', 'delivered');
    await openConversation(bob, ada.displayName);
    await expect(lunch.getByTestId('ticks')).toHaveAttribute('data-state', 'read');
    await expect(lunch.getByTestId('ticks')).toContainText('Read');

    // Bob reacts from the menu; Ada sees it and adds hers by tapping the chip.
    const menu = await openMenu(ada.page, 'Lunch at noon?');
    await ada.page.screenshot({ path: resolve(shots, `menu-${name.replace(' ', '')}.png`) });
    await ada.page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await (await openMenu(bob.page, 'Lunch at noon?')).getByRole('button', { name: 'React with 👍' }).click();
    await expect(lunch.getByTestId('reaction')).toHaveText(/👍\s*1/);
    await lunch.getByTestId('reaction').click();
    await expect(messageWith(bob.page, 'Lunch at noon?').getByTestId('reaction')).toHaveText(/👍\s*2/);
    await expect(lunch.getByTestId('reaction')).toHaveAttribute('aria-pressed', 'true');

    // Ada edits inline: Escape leaves it as it was, Enter saves it for both.
    await (await openMenu(ada.page, 'Lunch at noon?')).getByTestId('menu-edit').click();
    const editor = ada.page.getByLabel('Edit message');
    await expect(editor).toBeFocused();
    await editor.fill('never mind');
    await editor.press('Escape');
    await expect(ada.page.getByTestId('message-editor')).toHaveCount(0);
    await expect(lunch).toBeVisible();
    await (await openMenu(ada.page, 'Lunch at noon?')).getByTestId('menu-edit').click();
    await ada.page.getByLabel('Edit message').fill('Lunch at *one*?');
    await ada.page.getByLabel('Edit message').press('Enter');
    const edited = messageWith(bob.page, 'Lunch at one?');
    await expect(edited.getByTestId('edited')).toBeVisible();
    await expect(edited.getByTestId('reaction')).toHaveText(/👍\s*2/);

    // Bob replies in a thread; Ada sees the count on the message and opens the thread.
    await (await openMenu(bob.page, 'Lunch at one?')).getByTestId('menu-thread').click();
    await expect(bob.page.getByTestId('thread-panel')).toBeVisible();
    const threadBox = bob.page.getByLabel('Reply in thread', { exact: true });
    await threadBox.fill('One works, see you there');
    await threadBox.press('Enter');
    await expect(bob.page.getByTestId('thread-replies')).toContainText('One works, see you there');
    const summary = messageWith(ada.page, 'Lunch at one?').getByTestId('thread-summary');
    await expect(summary).toHaveText(/1 reply/);
    // Thread replies stay out of the timeline.
    await expect(messageWith(ada.page, 'One works')).toHaveCount(0);
    await summary.click();
    const thread = ada.page.getByTestId('thread-panel');
    await expect(thread.getByTestId('thread-replies')).toContainText('One works, see you there');
    // Seen in Ada's open thread: Bob's reply turns read there too.
    await expect(bob.page.getByTestId('thread-replies').getByTestId('ticks')).toHaveAttribute('data-state', 'read');
    if (viewport.width < 760) await expect(thread).toBeInViewport({ ratio: 0.95 });
    await ada.page.screenshot({ path: resolve(shots, `thread-${name.replace(' ', '')}.png`) });
    await ada.page.getByRole('button', { name: 'Close thread' }).click();
    await expect(thread).toHaveCount(0);

    // Ada forwards Bob's next message to Cat.
    await send(bob, 'Bring the map');
    await (await openMenu(ada.page, 'Bring the map')).getByTestId('menu-forward').click();
    const forward = ada.page.getByTestId('forward-dialog');
    await forward.getByLabel(cat.displayName).check();
    await forward.getByRole('button', { name: 'Forward to 1' }).click();
    await expect(ada.page.getByTestId('action-status')).toHaveText('Forwarded to 1 conversation.');
    await openConversation(cat, ada.displayName);
    await expect(messageWith(cat.page, 'Bring the map').getByTestId('forwarded')).toContainText(bob.displayName);

    // Delete for me: gone for Bob only. Delete for everyone: a tombstone for both.
    await (await openMenu(bob.page, 'Bring the map')).getByTestId('menu-delete').click();
    await bob.page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete for me' }).click();
    await expect(messageWith(bob.page, 'Bring the map')).toHaveCount(0);
    await send(ada, 'Oops, wrong chat');
    await expect(messageWith(bob.page, 'Oops, wrong chat')).toBeVisible();
    await (await openMenu(ada.page, 'Oops, wrong chat')).getByTestId('menu-delete').click();
    await ada.page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete for everyone' }).click();
    for (const user of [ada, bob]) {
      await expect(messageWith(user.page, 'Oops, wrong chat')).toHaveCount(0);
      await expect(user.page.locator('.message__deleted')).toHaveText(['Message deleted']);
    }
    await expect(messageWith(ada.page, 'Bring the map')).toBeVisible();
    expect(await ada.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    for (const user of [ada, bob, cat]) await user.context.close();
  });
}

test('a group: @ autocomplete, the mention badge and highlight, "read by" and who read it', async ({ browser }) => {
  const [ann, ben, cy] = [await signUp(browser, 'ann'), await signUp(browser, 'ben'), await signUp(browser, 'cy')];
  await ann.page.getByTestId('new-conversation').click();
  await ann.page.getByTestId('group-tab').click();
  await ann.page.getByLabel('Group name').fill('Picnic');
  for (const member of [ben, cy]) {
    await ann.page.getByTestId('user-search').fill(member.username);
    await ann.page.locator(`[data-username="${member.username}"]`).click();
  }
  await ann.page.getByTestId('create-group').click();
  await expect(ann.page.getByTestId('chat-title')).toHaveText('Picnic');

  const box = ann.page.getByLabel('Message', { exact: true });
  await box.fill(`Bring plates @${ben.username.slice(0, 3)}`);
  await expect(ann.page.getByTestId('mention-suggestions')).toContainText(`@${ben.username}`);
  await box.press('Enter');
  await expect(box).toHaveValue(`Bring plates @${ben.username} `);
  await box.press('Enter');

  const item = ben.page.getByTestId('conversation-item').filter({ hasText: 'Picnic' });
  await expect(item.getByTestId('mention-badge')).toBeVisible();
  await openConversation(ben, 'Picnic');
  // What was unread starts under a divider.
  await expect(ben.page.locator('.message-list__unread + [data-testid=message]')).toContainText('Bring plates');
  await expect(messageWith(ben.page, 'Bring plates').locator('.mention')).toHaveText(`@${ben.username}`);
  await expect(item.getByTestId('mention-badge')).toHaveCount(0);

  const sent = messageWith(ann.page, 'Bring plates');
  await expect(sent.getByTestId('read-by')).toHaveText('Read by 1');
  await sent.getByTestId('read-by').click();
  await expect(ann.page.getByTestId('readers-dialog')).toContainText(ben.displayName);
  await expect(ann.page.getByTestId('readers-dialog')).not.toContainText(cy.displayName);
  await ann.page.keyboard.press('Escape');
  await openConversation(cy, 'Picnic');
  await expect(sent.getByTestId('ticks')).toHaveAttribute('data-state', 'read');
  for (const user of [ann, ben, cy]) await user.context.close();
});

test('the menu works from the keyboard and reactions come from the bundled emoji picker', async ({ browser }) => {
  const eve = await signUp(browser, 'eve');
  const fay = await signUp(browser, 'fay');
  await openDirect(eve, fay);
  await send(eve, 'keyboard only');
  const actions = messageWith(eve.page, 'keyboard only').getByTestId('message-actions');
  await actions.focus();
  await eve.page.keyboard.press('Enter');
  const menu = eve.page.getByTestId('message-menu');
  await expect(menu.getByTestId('menu-reply')).toBeFocused();
  await eve.page.keyboard.press('ArrowDown');
  await expect(menu.getByTestId('menu-thread')).toBeFocused();
  await eve.page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(actions).toBeFocused();

  const outside: string[] = [];
  eve.page.on('request', (request) => {
    if (!request.url().startsWith(new URL(eve.page.url()).origin)) outside.push(request.url());
  });
  await actions.click();
  await menu.getByTestId('menu-more-reactions').click();
  const picker = eve.page.getByTestId('emoji-picker');
  await expect(picker).toBeVisible();
  await picker.locator('emoji-picker').getByRole('combobox').fill('tada');
  await picker
    .locator('emoji-picker')
    .getByRole('option', { name: /party popper|tada/i })
    .first()
    .click();
  await expect(messageWith(eve.page, 'keyboard only').getByTestId('reaction')).toHaveText(/🎉\s*1/);
  expect(outside).toEqual([]);
  for (const user of [eve, fay]) await user.context.close();
});
