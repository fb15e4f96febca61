import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

let counter = 0;

export function uniqueName(prefix: string): string {
  counter++;
  return `${prefix}${Date.now().toString(36)}${counter}`.toLowerCase().slice(0, 30);
}

export function baseURL(): string {
  const url = process.env['PARLEY_E2E_URL'];
  if (!url) throw new Error('PARLEY_E2E_URL is not set: run through playwright.config.ts');
  return url;
}

export interface User {
  username: string;
  displayName: string;
  context: BrowserContext;
  page: Page;
}

export async function signUp(browser: Browser, prefix: string, viewport = { width: 1280, height: 800 }): Promise<User> {
  const context = await browser.newContext({ baseURL: baseURL(), viewport });
  const page = await context.newPage();
  const username = uniqueName(prefix);
  const displayName = `${prefix[0]?.toUpperCase()}${prefix.slice(1)} ${username.slice(-4)}`;
  await page.goto('/signup');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/Display name/).fill(displayName);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByTestId('new-conversation')).toBeVisible();
  return { username, displayName, context, page };
}

export async function openDirect(user: User, other: User): Promise<void> {
  await user.page.getByTestId('new-conversation').click();
  await user.page.getByTestId('user-search').fill(other.username);
  await user.page.locator(`[data-username="${other.username}"]`).click();
  await expect(user.page.getByTestId('chat-title')).toHaveText(other.displayName);
}

export async function openConversation(user: User, title: string): Promise<void> {
  await user.page.getByTestId('conversation-item').filter({ hasText: title }).click();
  await expect(user.page.getByTestId('chat-title')).toHaveText(title);
}

export async function send(user: User, text: string): Promise<void> {
  const box = user.page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
}

export function sentTexts(page: Page) {
  return page.locator('[data-testid=message] .message__text');
}

export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const registration = await navigator.serviceWorker.ready;
    return Boolean(registration.active && navigator.serviceWorker.controller);
  });
}

/** POSTs an operation from `user`'s page (same origin), with `token` when given. */
function post(user: User, query: string, variables: Record<string, unknown>, token?: string) {
  return user.page.evaluate(
    async ({ query, variables, token }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    },
    { query, variables, token },
  );
}

// A session of its own per user for setting up data: the page's access token expires within 30 s in
// these suites and the app only refreshes it when it needs it, which a slow machine makes racy.
const apiTokens = new WeakMap<User, string>();

async function apiToken(user: User): Promise<string> {
  const logIn = 'mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }';
  const result = await post(user, logIn, { i: { username: user.username, password: 'correct horse battery' } });
  const token = (result.data as { logIn?: { accessToken: string } } | undefined)?.logIn?.accessToken;
  if (!token) throw new Error(`log-in for the test API failed: ${JSON.stringify(result.errors)}`);
  apiTokens.set(user, token);
  return token;
}

/** Runs a GraphQL operation as `user` (to set up history quickly), on a session of its own. */
export async function api<T = any>(user: User, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let result = await post(user, query, variables, apiTokens.get(user) ?? (await apiToken(user)));
  if (result.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') {
    result = await post(user, query, variables, await apiToken(user));
  }
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

/** The conversation open in `user`'s page. */
export function conversationIdOf(user: User): string {
  const id = /\/c\/([^/?]+)/.exec(user.page.url())?.[1];
  if (!id) throw new Error(`No conversation open at ${user.page.url()}`);
  return id;
}

export function messageWith(page: Page, text: string) {
  return page.locator('[data-testid=message]').filter({ hasText: text });
}

/** Opens the actions menu of the message showing `text`. */
export async function openMenu(page: Page, text: string) {
  await messageWith(page, text).getByTestId('message-actions').click();
  const menu = page.getByTestId('message-menu');
  await expect(menu).toBeVisible();
  return menu;
}
