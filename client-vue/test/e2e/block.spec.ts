import { expect, test } from '@playwright/test';
import { api, conversationIdOf, messageWith, openConversation, openDirect, send, signUp } from './chat.helpers';

const phone = { width: 360, height: 740 };

test('blocking from the DM menu refuses the blocked user, collapses their group messages, and unblocking undoes it', async ({
  browser,
}) => {
  // Two people, a DM and a group, each step across both pages: more than the default minute on a loaded machine.
  test.setTimeout(120_000);
  // The blocker is on a 360 px phone: the menu, the dialog and the notice must fit there.
  const ann = await signUp(browser, 'ann', phone);
  const ben = await signUp(browser, 'ben');
  const benId = (await api<{ me: { id: string } }>(ben, 'query { me { id } }')).me.id;
  await api(ann, 'mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }', {
    i: { title: 'Climbing', memberIds: [benId] },
  });
  await openDirect(ann, ben);
  const dm = conversationIdOf(ann);
  await send(ann, 'hi Ben');
  // By address: the group's preview names Ann too.
  const openDm = async () => {
    await ben.page.goto(`/c/${dm}`);
    await expect(ben.page.getByTestId('chat-title')).toHaveText(ann.displayName);
  };
  await openDm();

  // Block from the DM's header menu, after confirming.
  await ann.page.getByTestId('chat-menu').click();
  await ann.page.getByTestId('block-user').click();
  const confirm = ann.page.getByRole('dialog', { name: `Block ${ben.displayName}?` });
  await expect(confirm).toBeInViewport({ ratio: 1 });
  await confirm.getByRole('button', { name: 'Block', exact: true }).click();
  const notice = ann.page.getByTestId('blocked-notice');
  await expect(notice).toContainText('You blocked this user.');
  await expect(notice).toBeInViewport({ ratio: 1 });
  await expect(ann.page.getByLabel('Message', { exact: true })).toHaveCount(0);
  expect(await ann.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

  // Ben's message is refused with the server's words, which do not mention the block.
  await send(ben, 'are you there?');
  const failed = ben.page.getByTestId('message-failed').filter({ hasText: 'are you there?' });
  await expect(failed).toContainText('Not sent: You cannot message this user');

  // In the shared group Ben's message arrives, folded for Ann until she opens it.
  await openConversation(ben, 'Climbing');
  await send(ben, 'rope check at six');
  await expect(messageWith(ben.page, 'rope check at six')).toBeVisible();
  await ann.page.goto('/');
  await openConversation(ann, 'Climbing');
  const folded = ann.page.getByTestId('blocked-message');
  await expect(folded).toContainText('Message from a blocked user');
  await expect(messageWith(ann.page, 'rope check at six')).toHaveCount(0);
  await folded.getByRole('button', { name: 'Show' }).click();
  await expect(messageWith(ann.page, 'rope check at six')).toBeVisible();

  // The profile lists whom Ann blocks.
  await ann.page.goto('/me');
  await expect(ann.page.locator(`[data-testid=blocked-user][data-username="${ben.username}"]`)).toBeVisible();

  // Unblocking from the DM brings the composer back, and Ben can write again.
  await ann.page.goto(`/c/${dm}`);
  await ann.page.getByTestId('unblock-inline').click();
  await expect(ann.page.getByLabel('Message', { exact: true })).toBeVisible();
  await openDm();
  await send(ben, 'hello again');
  await expect(messageWith(ann.page, 'hello again')).toBeVisible();
  await ann.page.goto('/me');
  await expect(ann.page.getByText('You have not blocked anyone.')).toBeVisible();
  for (const user of [ann, ben]) await user.context.close();
});
