import { expect, test } from '@playwright/test';
import { openDirect, send, signUp } from './chat.helpers';

const phone = { width: 360, height: 740 };

test('a long preview stays inside the list on a 360 px phone', async ({ browser }) => {
  const kim = await signUp(browser, 'kim', phone);
  const lou = await signUp(browser, 'lou');
  await openDirect(lou, kim);
  await send(lou, `${'Unbroken'.repeat(12)} and then a sentence long enough to run far past the edge of a phone`);

  const item = kim.page.getByTestId('conversation-item').filter({ hasText: lou.displayName });
  const badge = item.getByTestId('unread-badge');
  await expect(badge).toHaveText(/1/);
  await expect(kim.page.getByTestId('new-conversation')).toBeInViewport({ ratio: 1 });
  await expect(kim.page.getByRole('button', { name: 'Log out' })).toBeInViewport({ ratio: 1 });
  await expect(badge).toBeInViewport({ ratio: 1 });
  // The preview is cut with an ellipsis instead of widening the page.
  const preview = item.getByTestId('conversation-preview');
  expect(await preview.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await kim.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  for (const user of [kim, lou]) await user.context.close();
});
