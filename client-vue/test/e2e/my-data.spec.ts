import { expect, test } from '@playwright/test';
import { messageWith, openConversation, openDirect, send, signUp } from './chat.helpers';

test('downloads a copy of my data, then deletes my account and leaves "Deleted user" behind (360 px)', async ({
  browser,
}) => {
  const ada = await signUp(browser, 'ada', { width: 360, height: 740 });
  const bob = await signUp(browser, 'bob');
  await openDirect(bob, ada);
  await send(bob, 'hi ada');
  await openConversation(ada, bob.displayName);
  await send(ada, 'a line only ada wrote');
  await expect(messageWith(bob.page, 'a line only ada wrote')).toBeVisible();

  await ada.page.goto('/me');
  await ada.page.getByTestId('export-data').click();
  const link = ada.page.getByTestId('export-link');
  await expect(link).toBeVisible({ timeout: 30_000 });
  const archive = await (await ada.page.request.get((await link.getAttribute('href'))!)).json();
  expect(archive.profile.username).toBe(ada.username);
  expect(JSON.stringify(archive.conversations)).toContain('a line only ada wrote');

  await ada.page.getByRole('button', { name: 'Delete my account…' }).click();
  await ada.page.getByLabel('Your password').fill('wrong password');
  await ada.page.getByRole('button', { name: 'Delete my account', exact: true }).click();
  await expect(ada.page.getByRole('alert')).toContainText('That password is not right.');
  await ada.page.getByLabel('Your password').fill('correct horse battery');
  await ada.page.getByRole('button', { name: 'Delete my account', exact: true }).click();
  await expect(ada.page).toHaveURL(/\/login/);

  // Bob still reads the conversation; the sender is now "Deleted user".
  await bob.page.reload();
  await expect(messageWith(bob.page, 'a line only ada wrote')).toBeVisible();
  await expect(bob.page.getByTestId('chat-title')).toHaveText('Deleted user');
});
