import { expect, test } from '@playwright/test';
import { api, conversationIdOf, openConversation, openDirect, openMenu, send, signUp } from './chat.helpers';

test('a message can be reported with a reason and a note, and not one’s own (360 px)', async ({ browser }) => {
  const ada = await signUp(browser, 'ada', { width: 360, height: 740 });
  const bob = await signUp(browser, 'bob');
  await openDirect(bob, ada);
  await send(bob, 'click this totally safe link');
  await openConversation(ada, bob.displayName);

  const menu = await openMenu(ada.page, 'click this totally safe link');
  await menu.getByRole('menuitem', { name: 'Report…' }).click();
  const dialog = ada.page.getByTestId('report-dialog');
  await expect(dialog.getByRole('heading')).toHaveText(`Report the message from ${bob.displayName}`);
  const report = dialog.getByRole('button', { name: 'Report', exact: true });
  await expect(report).toBeDisabled();
  await dialog.getByLabel('Spam or scam').check();
  await dialog.getByLabel('Anything to add (optional)').fill('sent to everyone');
  await report.click();
  await expect(dialog.getByRole('status')).toContainText('administrators will look at it');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // Reporting it again changes nothing on the server and says the same.
  const conversationId = conversationIdOf(ada);
  const { messages } = await api(
    ada,
    `query($c: ID!) { messages(conversationId: $c, limit: 5) { messages { id text } } }`,
    {
      c: conversationId,
    },
  ).then((d) => d.messages);
  const id = messages.find((m: { text: string }) => m.text === 'click this totally safe link').id;
  expect(await api(ada, `mutation($m: ID!) { reportMessage(messageId: $m, reason: SPAM) }`, { m: id })).toEqual({
    reportMessage: true,
  });

  // Bob's own message offers no report.
  const own = await openMenu(bob.page, 'click this totally safe link');
  await expect(own.getByRole('menuitem', { name: 'Report…' })).toHaveCount(0);
});
