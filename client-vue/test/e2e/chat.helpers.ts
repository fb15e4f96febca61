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

/** Runs a GraphQL operation as the signed-in user of `user`'s page (to set up history quickly). */
export async function api<T = any>(user: User, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await user.page.evaluate(
    async ({ query, variables }) => {
      const session = JSON.parse(localStorage.getItem('parley.session') ?? '{}') as { accessToken?: string };
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken ?? ''}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: unknown; errors?: unknown };
    },
    { query, variables },
  );
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
