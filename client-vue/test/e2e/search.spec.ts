import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { api, conversationIdOf, messageWith, openConversation, openDirect, signUp, type User } from './chat.helpers';

const shots = resolve(import.meta.dirname, '../../test-results');
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;

/** A needle, then more messages than a window holds, then a reply quoting the needle. */
async function history(ada: User, conversationId: string): Promise<void> {
  async function send(text: string, replyToId?: string): Promise<string> {
    const input = { conversationId, clientMessageId: crypto.randomUUID(), text, replyToId };
    for (;;) {
      try {
        return (await api<{ sendMessage: { id: string } }>(ada, SEND, { input })).sendMessage.id;
      } catch (error) {
        // The server allows 10 messages a second per sender and says when to try again (same key: no duplicate).
        const retryAfter = /"retryAfterMs":(\d+)/.exec(String(error))?.[1];
        if (!retryAfter) throw error;
        await new Promise((r) => setTimeout(r, Number(retryAfter)));
      }
    }
  }
  const needle = await send('The blue pelican landed on the roof');
  for (let i = 1; i <= 55; i++) await send(`filler number ${i}`);
  await send('About that bird…', needle);
}

for (const { name, viewport } of [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: '360 px', viewport: { width: 360, height: 740 } },
]) {
  test(`search and reply quotes open the conversation at the message, loading the history around it (${name})`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const ada = await signUp(browser, 'ada');
    const bob = await signUp(browser, 'bob', viewport);
    await openDirect(ada, bob);
    await history(ada, conversationIdOf(ada));

    // Bob opens the chat at the newest messages.
    await openConversation(bob, ada.displayName);
    const quoteOf = messageWith(bob.page, 'About that bird').getByTestId('reply-quote');
    await expect(quoteOf).toContainText('blue pelican');
    const needleText = bob.page.locator('[data-testid=message] .message__text').filter({ hasText: 'blue pelican' });
    await expect(needleText).toHaveCount(0);

    // The quote's original is older than the window: it is loaded, scrolled to and highlighted.
    await quoteOf.click();
    const needle = bob.page.locator('.message--highlighted');
    await expect(needle).toContainText('The blue pelican landed on the roof');
    await expect(needle).toBeInViewport();
    await expect(messageWith(bob.page, 'About that bird')).toHaveCount(0);

    // Back to the newest with the jump button.
    await bob.page.getByTestId('jump-to-latest').click();
    await expect(messageWith(bob.page, 'About that bird')).toBeInViewport();

    // Search across conversations, as the user types, from the keyboard.
    if (viewport.width < 760) await bob.page.getByRole('link', { name: 'Back to conversations' }).click();
    const box = bob.page.getByPlaceholder('Search messages');
    await box.fill('pelic');
    const hit = bob.page.getByTestId('search-hit').first();
    await expect(hit.locator('mark')).toHaveText(/pelican/i);
    await expect(hit).toContainText(ada.displayName);
    await bob.page.screenshot({ path: resolve(shots, `search-${name.replace(' ', '')}.png`) });
    await box.press('ArrowDown');
    await expect(hit).toHaveAttribute('aria-selected', 'true');
    await box.press('Enter');
    await expect(bob.page.getByTestId('chat-title')).toHaveText(ada.displayName);
    await expect(bob.page.locator('.message--highlighted')).toContainText('The blue pelican landed');
    await expect(bob.page.locator('.message--highlighted')).toBeInViewport();

    // In this conversation only: the hit is opened in place.
    await bob.page.getByTestId('search-in-conversation').click();
    const local = bob.page.getByPlaceholder('Search in this conversation');
    await expect(local).toBeFocused();
    await local.fill('filler number 52');
    // This panel's hit, by its text: the other panel still lists its own hit, whose time may read 11:52.
    const localHits = bob.page.getByRole('listbox', { name: 'Search in this conversation' }).getByTestId('search-hit');
    await localHits
      .filter({ hasText: /filler\s*number\s*52/ })
      .first()
      .click();
    await expect(bob.page.locator('.message--highlighted')).toContainText('filler number 52');
    expect(await bob.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    for (const user of [ada, bob]) await user.context.close();
  });
}
