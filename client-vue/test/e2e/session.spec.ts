import { expect, test } from '@playwright/test';
import { openConversation, openDirect, send, sentTexts, signUp } from './chat.helpers';

test('expired access tokens are refreshed without the user noticing, over HTTP and WebSocket', async ({ browser }) => {
  test.setTimeout(120_000);
  const ana = await signUp(browser, 'ana');
  const ben = await signUp(browser, 'ben');
  await openDirect(ana, ben);
  await send(ana, 'before expiry');
  await openConversation(ben, ana.displayName);
  await expect(sentTexts(ben.page)).toHaveText(['before expiry']);
  const tokenBefore = await ana.page.evaluate(
    () => JSON.parse(localStorage.getItem('parley.session') ?? '{}').accessToken as string,
  );

  // The server issues 30 s tokens in this suite: wait until the stored one has expired.
  await expect
    .poll(
      () =>
        ana.page.evaluate(() => {
          const stored = JSON.parse(localStorage.getItem('parley.session') ?? '{}') as {
            accessTokenExpiresAt?: string;
          };
          return Date.parse(stored.accessTokenExpiresAt ?? '') < Date.now();
        }),
      { timeout: 45_000, intervals: [1000] },
    )
    .toBe(true);
  await send(ana, 'after expiry');
  await expect(sentTexts(ben.page)).toHaveText(['before expiry', 'after expiry']);
  const tokenAfter = await ana.page.evaluate(
    () => JSON.parse(localStorage.getItem('parley.session') ?? '{}').accessToken as string,
  );
  expect(tokenAfter).not.toBe(tokenBefore);

  // A new socket with an expired token: the client refreshes before connecting.
  await ben.page.reload();
  await expect(sentTexts(ben.page)).toHaveText(['before expiry', 'after expiry']);
  await send(ben, 'still connected');
  await expect(sentTexts(ana.page)).toHaveText(['before expiry', 'after expiry', 'still connected']);
  await expect(ana.page.locator('[data-testid=message-failed]')).toHaveCount(0);
  await ana.context.close();
  await ben.context.close();
});

test('history pages in upward as the user scrolls', async ({ browser }) => {
  test.setTimeout(120_000);
  const cy = await signUp(browser, 'cy');
  const di = await signUp(browser, 'di');
  await openDirect(cy, di);
  const url = cy.page.url();
  const conversationId = url.slice(url.lastIndexOf('/') + 1);
  const total = 130;
  await cy.page.evaluate(
    async ({ conversationId, total, username }) => {
      const post = async (query: string, variables: unknown, token?: string) => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as { data?: { logIn?: { accessToken: string } } | null; errors?: unknown[] };
      };
      // A separate login: the 30 s tokens of this suite expire during the loop.
      const logIn = async () =>
        (
          await post('mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }', {
            i: { username, password: 'correct horse battery' },
          })
        ).data?.logIn?.accessToken;
      let token = await logIn();
      for (let i = 1; i <= total; i++) {
        const variables = { input: { conversationId, clientMessageId: crypto.randomUUID(), text: `history ${i}` } };
        const send = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }';
        let body = await post(send, variables, token);
        for (let attempt = 0; body.errors && attempt < 10; attempt++) {
          const extensions = (body.errors[0] as { extensions?: { code?: string; retryAfterMs?: number } }).extensions;
          if (extensions?.code === 'RATE_LIMITED')
            await new Promise((r) => setTimeout(r, extensions.retryAfterMs ?? 500));
          else token = await logIn();
          body = await post(send, variables, token);
        }
        if (body.errors) throw new Error(JSON.stringify(body.errors));
      }
    },
    { conversationId, total, username: cy.username },
  );
  await openConversation(di, cy.displayName);
  await expect(sentTexts(di.page).last()).toHaveText(`history ${total}`);
  const list = di.page.getByRole('log', { name: 'Conversation history' });
  await expect(list.locator('[data-testid=message]')).toHaveCount(50);
  // Each look scrolls to the top again, which asks for the next page once the last one has arrived.
  await expect
    .poll(async () => {
      await di.page.getByLabel('Messages', { exact: true }).evaluate((el) => el.scrollTo({ top: 0 }));
      return list.locator('[data-testid=message]').count();
    })
    .toBe(total);
  await expect(sentTexts(di.page).first()).toHaveText('history 1');
  await expect(di.page.getByText('This is the beginning of the conversation.')).toBeVisible();
  const texts = await sentTexts(di.page).allTextContents();
  expect(texts).toEqual(Array.from({ length: total }, (_, i) => `history ${i + 1}`));
  await cy.context.close();
  await di.context.close();
});
