import { expect, test, type Browser, type Page } from '@playwright/test';
import { baseURL, messageWith, openConversation, openDirect, openMenu, send, signUp, type User } from './chat.helpers';
import { E2E_ADMIN } from './global-setup';

const PASSWORD = 'correct horse battery';

async function logIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('new-conversation')).toBeVisible();
}

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
  await logIn(page, E2E_ADMIN);
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

  // Analytics: the figures of the last 30 days as charts, each named and summed up in words.
  await admin.page.getByRole('link', { name: 'Analytics' }).click();
  await expect(admin.page.getByTestId('connections-now')).toHaveText(/^\d+$/);
  const activeUsers = admin.page.getByTestId('chart-active-users');
  await expect(activeUsers.getByRole('img', { name: 'Daily active users' })).toBeVisible();
  await expect(activeUsers.locator('canvas')).toBeVisible();
  await expect(activeUsers.locator('figcaption')).toContainText('Daily active users, 30 days to');
  await expect(admin.page.locator('canvas')).toHaveCount(6);
});

test('an administrator suspends and lifts, and grants and takes back the role, each with a reason', async ({
  browser,
}) => {
  const carl = await signUp(browser, 'carl');
  const admin = await signInAdmin(browser);
  await admin.page.getByTestId('admin-console').click();
  await admin.page.getByRole('link', { name: 'Users' }).click();
  await admin.page.getByLabel('Search by username or display name').fill(carl.username);
  const card = admin.page.locator(`[data-testid=server-user][data-username="${carl.username}"]`);
  await expect(card.getByRole('heading')).toContainText(carl.displayName);
  const status = admin.page.getByTestId('admin-status');

  await card.getByRole('button', { name: 'Suspend or ban…' }).click();
  await card.getByLabel('For how long').selectOption({ label: '7 days' });
  const suspend = card.getByRole('button', { name: 'Suspend', exact: true });
  await expect(suspend).toBeDisabled();
  await card.getByLabel(/^Reason/).fill('Repeated spam after a warning');
  await suspend.click();
  await expect(status).toHaveText(`${carl.displayName} is suspended.`);
  await expect(card.getByTestId('user-suspension')).toContainText('Suspended until');
  await expect(card.getByTestId('user-suspension')).toContainText('Repeated spam after a warning');

  await card.getByRole('button', { name: 'Lift suspension…' }).click();
  await card.getByLabel(/^Reason/).fill('Appeal accepted by phone');
  await card.getByRole('button', { name: 'Lift', exact: true }).click();
  await expect(status).toHaveText(`${carl.displayName} can sign in again.`);
  await expect(card.getByTestId('user-suspension')).toHaveCount(0);

  await card.getByRole('button', { name: 'Make administrator…' }).click();
  await card.getByLabel(/^Reason/).fill('Joins the moderation team');
  await card.getByRole('button', { name: 'Make administrator', exact: true }).click();
  await expect(card.getByTestId('user-role')).toHaveText('Administrator');
  await expect(card.getByRole('button', { name: 'Suspend or ban…' })).toBeDisabled();
  await expect(card).toContainText('Administrators cannot be suspended');

  // The suspension ended Carl's session; signed in again, his app offers the console.
  await carl.page.goto('/');
  await expect(carl.page).toHaveURL(/\/login/);
  await logIn(carl.page, carl.username);
  await expect(carl.page.getByTestId('admin-console')).toBeVisible();

  await card.getByRole('button', { name: 'Remove administrator…' }).click();
  await card.getByLabel(/^Reason/).fill('Left the moderation team');
  await card.getByRole('button', { name: 'Remove administrator', exact: true }).click();
  await expect(status).toHaveText(`${carl.displayName} is no longer an administrator.`);
  await expect(card.getByTestId('user-role')).toHaveCount(0);

  // An administrator named in the configuration keeps the role: the button says why it cannot be used.
  await admin.page.getByLabel('Search by username or display name').fill(E2E_ADMIN);
  const self = admin.page.locator(`[data-testid=server-user][data-username="${E2E_ADMIN}"]`);
  const role = self.getByRole('button', { name: 'Remove administrator…' });
  await expect(role).toBeDisabled();
  await expect(role).toHaveAccessibleDescription(/ADMIN_USERNAMES/);
});
