import { expect, test, type Browser } from '@playwright/test';
import { baseURL, messageWith, openConversation, openDirect, openMenu, send, signUp, type User } from './chat.helpers';
import { E2E_ADMIN } from './global-setup';

const PASSWORD = 'correct horse battery';

/** Signs in the server's administrator (ADMIN_USERNAMES), signing the account up first if this run has none. */
async function signInAdmin(browser: Browser): Promise<User> {
  // A second call (another test, a retry) finds the username taken, which is what it needs.
  await fetch(`${baseURL()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }',
      variables: { i: { username: E2E_ADMIN, displayName: 'Server Admin', password: PASSWORD } },
    }),
  });
  const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(E2E_ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('new-conversation')).toBeVisible();
  return { username: E2E_ADMIN, displayName: 'Server Admin', context, page };
}

test('an administrator deletes a reported message with a reason and the report leaves the queue', async ({
  browser,
}) => {
  const ada = await signUp(browser, 'ada');
  const bob = await signUp(browser, 'bob');
  await openDirect(bob, ada);
  await send(bob, 'hello ada');
  await send(bob, 'cheap followers at spam.example');
  await openConversation(ada, bob.displayName);
  const menu = await openMenu(ada.page, 'cheap followers at spam.example');
  await menu.getByRole('menuitem', { name: 'Report…' }).click();
  const dialog = ada.page.getByTestId('report-dialog');
  await dialog.getByLabel('Spam or scam').check();
  await dialog.getByLabel('Anything to add (optional)').fill('he sends this to everyone');
  await dialog.getByRole('button', { name: 'Report', exact: true }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Not an administrator: no way in from the menu, and the address says it is not available.
  await expect(ada.page.getByTestId('admin-console')).toHaveCount(0);
  await ada.page.goto('/admin/reports');
  await expect(ada.page.getByTestId('admin-unavailable')).toBeVisible();
  await expect(ada.page.getByTestId('report')).toHaveCount(0);

  const admin = await signInAdmin(browser);
  await admin.page.getByTestId('admin-console').click();
  await expect(admin.page.getByRole('heading', { name: 'Admin console' })).toBeVisible();
  const report = admin.page.getByTestId('report').filter({ hasText: 'cheap followers at spam.example' });
  await expect(report.getByTestId('report-message')).toHaveText('cheap followers at spam.example');
  await expect(report.getByTestId('report-note')).toHaveText('he sends this to everyone');
  await expect(report.getByTestId('report-context')).toContainText('hello ada');
  await expect(report.getByRole('heading', { level: 3 })).toContainText(
    `Spam or scam: Message from ${bob.displayName}`,
  );

  await report.getByLabel('Delete the message for everyone').check();
  const submit = report.getByRole('button', { name: 'Delete message' });
  await expect(submit).toBeDisabled();
  await report.getByLabel(/^Reason/).fill('   ');
  await expect(submit).toBeDisabled();
  await report.getByLabel(/^Reason/).fill('Spam link sent to many people');
  await submit.click();
  await expect(admin.page.getByTestId('admin-status')).toHaveText('Message deleted; report closed.');
  await expect(report).toHaveCount(0);

  // The conversation shows it deleted.
  await expect(messageWith(bob.page, 'cheap followers at spam.example')).toHaveCount(0);
  await expect(bob.page.locator('[data-testid=message]').last()).toContainText('Message deleted');

  // Closed reports keep the decision; the audit log has both steps with the reason.
  await admin.page.getByLabel('Show').selectOption('RESOLVED');
  const closed = admin.page.getByTestId('report').filter({ hasText: 'cheap followers at spam.example' });
  await expect(closed.getByTestId('report-resolution')).toContainText('Spam link sent to many people');
  await admin.page.getByRole('link', { name: 'Audit log' }).click();
  await admin.page.getByLabel('Action').selectOption('MESSAGE_DELETED_BY_ADMIN');
  await admin.page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(admin.page).toHaveURL(/action=MESSAGE_DELETED_BY_ADMIN/);
  const entries = admin.page.getByTestId('audit-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Spam link sent to many people');
});
