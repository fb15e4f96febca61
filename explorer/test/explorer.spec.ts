import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { gql, startServer, type RunningServer } from './server';

let server: RunningServer;
const PASSWORD = 'correct horse battery';
const users: Record<'alice' | 'bob', { id: string; token: string; username: string }> = {} as never;
let conversationId = '';

test.beforeAll(async () => {
  server = await startServer();
  for (const who of ['alice', 'bob'] as const) {
    const username = `${who}_${randomUUID().slice(0, 8)}`;
    const r = await gql(server.url, `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } } }`, {
      i: { username, password: PASSWORD },
    });
    users[who] = { id: r.signUp.user.id, token: r.signUp.accessToken, username };
  }
  const conv = await gql(
    server.url,
    `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
    { u: users.alice.id },
    users.bob.token,
  );
  conversationId = conv.openDirectConversation.id;
});

test.afterAll(async () => {
  await server?.stop();
});

/** Opens the example tab whose operation is `name` and runs it. */
async function runTab(page: Page, name: string) {
  await page.locator('.graphiql-tab', { hasText: name }).first().click();
  // The switch renders the tab's document first and its operation name with it; executing before that
  // (a busy machine) sends the new document under the old tab's operation name.
  await expect(page.locator('.graphiql-query-editor')).toContainText(name);
  await page.locator('.graphiql-execute-button').click();
}

/** Replaces the contents of the active tab's variables editor. */
async function setVariables(page: Page, json: string) {
  const editor = page.locator('.graphiql-editor-tool .graphiql-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText bypasses the editor's auto-closing of brackets and quotes.
  await page.keyboard.insertText(json);
}

test('signs in, queries, and receives a subscription event, loading nothing from elsewhere', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('websocket', (ws) => requested.push(ws.url()));
  page.on('worker', (w) => requested.push(w.url()));
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });

  await page.goto(`${server.url}/graphql`);
  await expect(page.locator('.graphiql-container')).toBeVisible();

  // The sign-in panel is open while signed out.
  await page.getByRole('textbox', { name: 'Username' }).fill(users.alice.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in')).toContainText(`Signed in as ${users.alice.username}`);

  // Example operations are loaded as tabs.
  for (const name of ['SignIn', 'Conversations', 'SendMessage', 'ConversationEvents']) {
    await expect(page.locator('.graphiql-tab', { hasText: name }).first()).toBeVisible();
  }

  await runTab(page, 'Conversations');
  const response = page.locator('.graphiql-response');
  // The editor wraps long lines, so compare without whitespace.
  const responseText = async () => (await response.innerText()).replace(/\s+/g, '');
  await expect.poll(responseText).toContain(`"id":"${conversationId}"`);
  await expect.poll(responseText).toContain('"kind":"DIRECT"');

  await page.locator('.graphiql-tab', { hasText: 'ConversationEvents' }).first().click();
  // From the conversation's lastSeq, so a message sent before the subscription is live is replayed:
  // nothing has to wait for it to start.
  const { conversation } = await gql(
    server.url,
    `query($id: ID!) { conversation(id: $id) { lastSeq } }`,
    { id: conversationId },
    users.alice.token,
  );
  await setVariables(page, JSON.stringify({ conversationId, afterSeq: conversation.lastSeq }));
  await page.locator('.graphiql-execute-button').click();
  await expect.poll(() => requested.some((u) => u.startsWith('ws://'))).toBe(true);

  const text = `hello from bob ${randomUUID().slice(0, 6)}`;
  await gql(
    server.url,
    `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`,
    { i: { conversationId, clientMessageId: randomUUID(), text } },
    users.bob.token,
  );
  await expect.poll(responseText).toContain(`"text":"${text.replace(/\s+/g, '')}"`);
  await expect.poll(responseText).toContain('"__typename":"MessageAdded"');

  const origin = new URL(server.url);
  const foreign = requested.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const url = new URL(u);
    return url.host !== origin.host || !['http:', 'ws:'].includes(url.protocol);
  });
  expect(foreign).toEqual([]);
  expect(requested.length).toBeGreaterThan(3);
  expect(cspViolations).toEqual([]);
});

test('GraphQL clients still get GraphQL at GET /graphql; /explorer serves the page with a strict CSP', async ({
  request,
}) => {
  const q = encodeURIComponent('{ __typename }');
  const api = await request.get(`${server.url}/graphql?query=${q}`, {
    headers: { accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' },
  });
  expect(api.status()).toBe(200);
  expect(await api.json()).toEqual({ data: { __typename: 'Query' } });

  const page = await request.get(`${server.url}/explorer`, { headers: { accept: 'text/html' } });
  expect(page.status()).toBe(200);
  expect(page.headers()['content-type']).toContain('text/html');
  const csp = page.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("default-src 'self'");
});
