import { expect, test, type Page } from '@playwright/test';
import { openConversation, openDirect, send, sentTexts, signUp } from './chat.helpers';

const SSE = 'Connected (compatibility mode: SSE)';
const POLLING = 'Connected (slow mode: long-polling) — typing and presence paused';

/** Resolves on the next request for `operation`, over SSE (`/graphql/stream`) or a plain query (`/graphql`). */
function nextRequest(page: Page, path: string, operation: string) {
  return page.waitForRequest((r) => new URL(r.url()).pathname === path && (r.postData() ?? '').includes(operation));
}

test('without WebSocket the app falls back to SSE, then to long-polling, and climbs back up when they work again', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ann = await signUp(browser, 'ann');
  const dan = await signUp(browser, 'dan');
  await openDirect(ann, dan);
  await send(ann, 'one');

  // Dan's network: the WebSocket upgrade "works", but every socket closes before the server can answer.
  let webSocketBlocked = true;
  await dan.context.routeWebSocket('**/graphql', (ws) => (webSocketBlocked ? ws.close() : ws.connectToServer()));
  // The page's own clock, so that the probes for a better transport (every 30 s) need not be waited for.
  await dan.context.clock.install();
  await dan.page.reload();
  const banner = dan.page.getByTestId('connection-banner');
  await expect(banner).toHaveText(SSE);
  await expect(banner).toHaveAttribute('role', 'status');

  // Messages, typing and the conversation list all arrive live over SSE.
  const streamed = nextRequest(dan.page, '/graphql/stream', 'subscription ConversationEvents');
  await openConversation(dan, ann.displayName);
  await streamed;
  await expect(sentTexts(dan.page)).toHaveText(['one']);
  await send(ann, 'two, over SSE');
  await expect(sentTexts(dan.page)).toHaveText(['one', 'two, over SSE']);
  await ann.page.getByLabel('Message', { exact: true }).pressSequentially('typing', { delay: 20 });
  await expect(dan.page.getByTestId('typing-indicator')).toHaveText(`${ann.displayName} is typing…`);
  await ann.page.getByLabel('Message', { exact: true }).fill('');
  await send(dan, 'three, from SSE');
  await expect(sentTexts(ann.page)).toHaveText(['one', 'two, over SSE', 'three, from SSE']);

  // Now SSE is refused too; going offline and back makes the app connect afresh and find that out.
  await dan.context.route('**/graphql/stream', (route) => route.abort());
  await dan.context.setOffline(true);
  await expect(banner).toHaveText('Offline');
  const polled = nextRequest(dan.page, '/graphql', '"PollConversationEvents"');
  await dan.context.setOffline(false);
  await expect(banner).toHaveText(POLLING);
  await polled;
  await send(ann, 'four, by long-polling');
  await expect(sentTexts(dan.page)).toHaveText(['one', 'two, over SSE', 'three, from SSE', 'four, by long-polling']);
  await expect(dan.page.getByTestId('typing-indicator')).toHaveText('');

  // SSE comes back: the next probe finds it.
  await dan.context.unroute('**/graphql/stream');
  await dan.context.clock.fastForward(30_000);
  await expect(banner).toHaveText(SSE);
  await send(ann, 'five, over SSE again');
  await expect(sentTexts(dan.page).last()).toHaveText('five, over SSE again');

  // And so does WebSocket: the banner has nothing more to say.
  webSocketBlocked = false;
  await dan.context.clock.fastForward(30_000);
  await expect(banner).toHaveAttribute('data-mode', 'ws');
  await expect(banner).toHaveText('');
  await send(ann, 'six, over WebSocket');
  // Every message once, in order, across the four switches.
  await expect(sentTexts(dan.page)).toHaveText([
    'one',
    'two, over SSE',
    'three, from SSE',
    'four, by long-polling',
    'five, over SSE again',
    'six, over WebSocket',
  ]);
  await ann.context.close();
  await dan.context.close();
});
