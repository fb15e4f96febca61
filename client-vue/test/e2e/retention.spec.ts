import { expect, test } from '@playwright/test';
import { openConversation, send, signUp } from './chat.helpers';

test('a group’s owner sets how long messages are kept, and every member sees it', async ({ browser }) => {
  const ann = await signUp(browser, 'ann');
  const ben = await signUp(browser, 'ben');
  await ann.page.getByTestId('new-conversation').click();
  await ann.page.getByTestId('group-tab').click();
  await ann.page.getByLabel('Group name').fill('Short memory');
  await ann.page.getByTestId('user-search').fill(ben.username);
  await ann.page.locator(`[data-username="${ben.username}"]`).click();
  await ann.page.getByTestId('create-group').click();
  await expect(ann.page.getByTestId('chat-title')).toHaveText('Short memory');
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
