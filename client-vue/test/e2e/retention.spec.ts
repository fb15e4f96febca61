import { expect, test } from '@playwright/test';
import { openConversation, send, sentTexts, signUp, type User } from './chat.helpers';

const DAY_MS = 86_400_000;

async function createGroup(owner: User, title: string, member: User): Promise<void> {
  await owner.page.getByTestId('new-conversation').click();
  await owner.page.getByTestId('group-tab').click();
  await owner.page.getByLabel('Group name').fill(title);
  await owner.page.getByTestId('user-search').fill(member.username);
  await owner.page.locator(`[data-username="${member.username}"]`).click();
  await owner.page.getByTestId('create-group').click();
  await expect(owner.page.getByTestId('chat-title')).toHaveText(title);
}

test('a group’s owner sets how long messages are kept, and every member sees it', async ({ browser }) => {
  const ann = await signUp(browser, 'ann');
  const ben = await signUp(browser, 'ben');
  await createGroup(ann, 'Short memory', ben);
  await send(ann, 'hello');

  await openConversation(ben, 'Short memory');
  await ben.page.getByTestId('conversation-info').click();
  const benSees = ben.page.getByTestId('retention-effective');
  await expect(benSees).toHaveText('Messages are kept until someone deletes them.');
  await expect(ben.page.getByLabel('Delete messages after')).toHaveCount(0);

  await ann.page.getByTestId('conversation-info').click();
  const choice = ann.page.getByLabel('Delete messages after');
  const save = ann.page.getByRole('button', { name: 'Save history setting' });
  await expect(choice).toHaveValue('default');
  await expect(save).toBeDisabled();
  await choice.selectOption({ label: '7 days' });
  await expect(ann.page.getByText('Older messages are deleted for everyone within the hour.')).toBeVisible();
  await save.click();
  await expect(ann.page.getByRole('status').filter({ hasText: 'Saved: 7 days.' })).toBeVisible();
  await expect(ann.page.getByTestId('retention-effective')).toHaveText(
    'Messages are deleted 7 days after they are sent.',
  );
  // Ben's open group info follows by itself.
  await expect(benSees).toHaveText('Messages are deleted 7 days after they are sent.');

  await choice.selectOption({ label: 'Server default' });
  await save.click();
  await expect(benSees).toHaveText('Messages are kept until someone deletes them.');
});

test('messages leave an open conversation as they pass its retention, without a reload', async ({ browser }) => {
  const ann = await signUp(browser, 'ann');
  const ben = await signUp(browser, 'ben');
  await createGroup(ann, 'Fading', ben);
  await send(ann, 'soon forgotten');

  // Days pass in Ben's browser only: the server keeps real time, so nothing is deleted there meanwhile.
  await ben.page.clock.install();
  await openConversation(ben, 'Fading');
  const notice = ben.page.getByRole('log', { name: 'Conversation history' }).getByText('deleted after 7 days');
  await expect(sentTexts(ben.page)).toHaveText(['soon forgotten']);
  await ben.page.clock.fastForward(3 * DAY_MS);
  await expect(sentTexts(ben.page)).toHaveText(['soon forgotten']);

  await ann.page.getByTestId('conversation-info').click();
  await ann.page.getByLabel('Delete messages after').selectOption({ label: '7 days' });
  await ann.page.getByRole('button', { name: 'Save history setting' }).click();
  // The setting reaches Ben's open chat; the message, three days old for him, stays.
  await expect(notice).toBeVisible();
  await expect(sentTexts(ben.page)).toHaveText(['soon forgotten']);

  // Eight days on, the next check removes it, and the setting's notice with it.
  await ben.page.clock.fastForward(5 * DAY_MS);
  await expect(sentTexts(ben.page)).toHaveCount(0);
  await expect(notice).toHaveCount(0);
  await expect(ben.page.getByText('No messages yet.')).toBeVisible();
});
