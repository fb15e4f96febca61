import { expect, test, type Page } from '@playwright/test';
import { openConversation, send, sentTexts, signUp } from './chat.helpers';

function members(page: Page) {
  return page.getByTestId('member-list').locator('li');
}

test('owners and admins manage a group in the browser', async ({ browser }) => {
  const [ann, ben, cat] = [await signUp(browser, 'ann'), await signUp(browser, 'ben'), await signUp(browser, 'cat')];
  await ann.page.getByTestId('new-conversation').click();
  await ann.page.getByTestId('group-tab').click();
  await ann.page.getByLabel('Group name').fill('Book club');
  await ann.page.getByTestId('user-search').fill(ben.username);
  await ann.page.locator(`[data-username="${ben.username}"]`).click();
  await ann.page.getByTestId('create-group').click();
  await expect(ann.page.getByTestId('chat-title')).toHaveText('Book club');
  await send(ann, 'Welcome');

  // Add a member.
  await ann.page.getByTestId('conversation-info').click();
  await expect(members(ann.page)).toHaveCount(2);
  await ann.page.getByLabel('Add people').fill(cat.username);
  await ann.page.locator(`.user-search [data-username="${cat.username}"]`).click();
  await expect(members(ann.page)).toHaveCount(3);
  await expect(cat.page.getByTestId('conversation-item').filter({ hasText: 'Book club' })).toBeVisible();

  // Ben watches the group info while the owner promotes him.
  await openConversation(ben, 'Book club');
  await ben.page.getByTestId('conversation-info').click();
  await expect(members(ben.page)).toHaveCount(3);
  await expect(ben.page.getByRole('button', { name: 'Edit group' })).toHaveCount(0);
  await ann.page.getByRole('button', { name: `Make ${ben.displayName} an admin` }).click();
  await expect(ann.page.locator(`li[data-username="${ben.username}"]`)).toContainText('Admin');
  await expect(ben.page.locator(`li[data-username="${ben.username}"]`)).toContainText('Admin');

  // As an admin, Ben renames the group and describes it; Ann sees it.
  await ben.page.getByRole('button', { name: 'Edit group' }).click();
  await ben.page.getByLabel('Group name').fill('Book club 2026');
  await ben.page.getByLabel('Description').fill('One novel a month');
  await ben.page.getByRole('button', { name: 'Save' }).click();
  await expect(ben.page.getByRole('heading', { name: 'Book club 2026' })).toBeVisible();
  await expect(ann.page.getByRole('heading', { name: 'Book club 2026' })).toBeVisible();
  await expect(ann.page.getByTestId('group-description')).toHaveText('One novel a month');
  // Admins may not change roles.
  await expect(ben.page.getByRole('button', { name: /an admin$/ })).toHaveCount(0);

  // Removing a member asks first; Escape and Cancel keep them.
  const removeCat = ann.page.getByRole('button', { name: `Remove ${cat.displayName}`, exact: true });
  const confirm = ann.page.getByRole('dialog', { name: `Remove ${cat.displayName} from Book club 2026?` });
  await removeCat.click();
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await ann.page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(removeCat).toBeFocused();
  await removeCat.click();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(members(ann.page)).toHaveCount(3);

  // Confirmed, Cat loses the group.
  await removeCat.click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(members(ann.page)).toHaveCount(2);
  await expect(members(ben.page)).toHaveCount(2);
  await expect(cat.page.getByTestId('conversation-item').filter({ hasText: 'Book club' })).toHaveCount(0);

  // Ben demoted, then leaves.
  await ann.page.getByRole('button', { name: `Remove ${ben.displayName} as admin` }).click();
  await expect(ben.page.locator(`li[data-username="${ben.username}"]`)).toContainText('Member');
  await expect(ben.page.getByRole('button', { name: 'Edit group' })).toHaveCount(0);
  await ben.page.getByRole('button', { name: 'Leave group' }).click();
  await ben.page
    .getByRole('dialog', { name: 'Leave Book club 2026?' })
    .getByRole('button', { name: 'Leave group' })
    .click();
  await expect(ben.page).toHaveURL(/\/$/);
  await expect(ben.page.getByTestId('conversation-item').filter({ hasText: 'Book club' })).toHaveCount(0);
  await expect(members(ann.page)).toHaveCount(1);
  for (const user of [ann, ben, cat]) await user.context.close();
});

test('role changes show in the timeline; a removed member is told, keeps what they saw and can no longer write', async ({
  browser,
}) => {
  const ola = await signUp(browser, 'ola');
  const gus = await signUp(browser, 'gus', { width: 360, height: 740 });
  await ola.page.getByTestId('new-conversation').click();
  await ola.page.getByTestId('group-tab').click();
  await ola.page.getByLabel('Group name').fill('Hikers');
  await ola.page.getByTestId('user-search').fill(gus.username);
  await ola.page.locator(`[data-username="${gus.username}"]`).click();
  await ola.page.getByTestId('create-group').click();
  await send(ola, 'Welcome');
  await openConversation(gus, 'Hikers');
  await expect(sentTexts(gus.page)).toHaveText(['Welcome']);

  // Gus's next message cannot get through yet: it waits in the outbox.
  await gus.page.route('**/graphql', (route) =>
    route.request().postData()?.includes('SendMessage') ? route.abort() : route.fallback(),
  );
  await send(gus, 'stuck in the outbox');
  await expect(gus.page.getByTestId('message-pending')).toContainText('stuck in the outbox');

  // Role changes are lines in everyone's timeline (the log region reads them out).
  const history = (user: typeof ola) => user.page.getByRole('log', { name: 'Conversation history' });
  await ola.page.getByTestId('conversation-info').click();
  await ola.page.getByRole('button', { name: `Make ${gus.displayName} an admin` }).click();
  await expect(history(gus).getByText('You are now an admin')).toBeVisible();
  await ola.page.getByRole('button', { name: `Remove ${gus.displayName} as admin` }).click();
  await expect(history(gus).getByText('You are no longer an admin')).toBeVisible();
  await ola.page.getByRole('link', { name: 'Back to chat' }).click();
  await expect(history(ola).getByText(`${gus.displayName} is now an admin`)).toBeVisible();
  await expect(history(ola).getByText(`${gus.displayName} is no longer an admin`)).toBeVisible();

  await ola.page.getByTestId('conversation-info').click();
  await ola.page.getByRole('button', { name: `Remove ${gus.displayName}`, exact: true }).click();
  await ola.page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();

  await expect(gus.page.getByRole('alert').filter({ hasText: 'You were removed from this group' })).toBeVisible();
  await expect(gus.page.getByLabel('Message', { exact: true })).toBeDisabled();
  // With nothing typed the composer offers voice instead of send: every way to write is disabled.
  await expect(gus.page.getByRole('button', { name: 'Record a voice message (hold)' })).toBeDisabled();
  await expect(gus.page.getByRole('button', { name: 'Attach files' })).toBeDisabled();
  await expect(gus.page.getByRole('button', { name: 'Share location' })).toBeDisabled();
  await expect(gus.page.getByTestId('chat-title')).toHaveText('Hikers');
  await expect(sentTexts(gus.page)).toHaveText(['Welcome']);
  const failed = gus.page.getByTestId('message-failed');
  await expect(failed).toContainText('Not sent: You are no longer a member of this conversation');
  await expect(failed.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await failed.getByRole('button', { name: 'Delete' }).click();
  await expect(failed).toHaveCount(0);
  await gus.page.unroute('**/graphql');

  await gus.page.getByRole('link', { name: 'Back to conversations' }).click();
  await expect(gus.page.getByTestId('conversation-list').or(gus.page.getByText('No conversations yet.'))).toBeVisible();
  await expect(gus.page.getByTestId('conversation-item').filter({ hasText: 'Hikers' })).toHaveCount(0);
  for (const user of [ola, gus]) await user.context.close();
});
