import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const source = readFileSync(resolve(import.meta.dirname, '../../public/notifications-sw.js'), 'utf8');
const ORIGIN = 'https://chat.example';

interface FakeWindow {
  url: string;
  focused: boolean;
  visibilityState: 'visible' | 'hidden';
  messages: unknown[];
  focus: () => Promise<FakeWindow>;
  postMessage: (message: unknown) => void;
}

function fakeWindow(path: string, focused = false, visible = focused): FakeWindow {
  const w: FakeWindow = {
    url: `${ORIGIN}${path}`,
    focused,
    visibilityState: visible ? 'visible' : 'hidden',
    messages: [],
    focus: async () => {
      w.focused = true;
      return w;
    },
    postMessage: (message) => w.messages.push(message),
  };
  return w;
}

/** Runs the worker script against a fake scope and returns a way to fire its events. */
function loadWorker(windows: FakeWindow[]) {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: { title: string; options: Record<string, unknown> }[] = [];
  const opened: string[] = [];
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn),
    clients: { matchAll: async () => windows, openWindow: async (url: string) => opened.push(url) },
    registration: {
      showNotification: async (title: string, options: Record<string, unknown>) => shown.push({ title, options }),
    },
  };
  runInNewContext(source, { self, URL });
  async function fire(type: string, event: Record<string, unknown>): Promise<void> {
    let work: Promise<unknown> = Promise.resolve();
    listeners.get(type)?.({ ...event, waitUntil: (p: Promise<unknown>) => (work = p) });
    await work;
  }
  return { fire, shown, opened };
}

const payload = {
  title: 'Bob',
  body: 'hello',
  tag: 'conversation:c1',
  url: '/c/c1?message=m9',
  conversationId: 'c1',
  messageId: 'm9',
  seq: 9,
  count: 1,
  actions: [
    { action: 'reply', title: 'Reply' },
    { action: 'read', title: 'Mark as read' },
  ],
};
const push = (data: unknown) => ({ data: { json: () => data } });
const click = (action: string, data: unknown = { url: payload.url, conversationId: 'c1', seq: 9 }) => ({
  action,
  notification: { data, close: () => undefined },
});

describe('service worker: pushes', () => {
  it('shows the push under its tag with the click data and the actions', async () => {
    const worker = loadWorker([fakeWindow('/c/c2', false, true)]);
    await worker.fire('push', push(payload));
    expect(worker.shown).toHaveLength(1);
    expect(worker.shown[0]?.title).toBe('Bob');
    expect(worker.shown[0]?.options).toMatchObject({
      body: 'hello',
      tag: 'conversation:c1',
      renotify: true,
      data: { url: '/c/c1?message=m9', conversationId: 'c1', seq: 9 },
      actions: payload.actions,
    });
  });

  it('shows nothing while a tab of the app is visible and focused, or for a payload that is not one', async () => {
    const focused = loadWorker([fakeWindow('/', true)]);
    await focused.fire('push', push(payload));
    expect(focused.shown).toEqual([]);
    // The explorer in front is not the app.
    const explorer = loadWorker([fakeWindow('/explorer', true)]);
    await explorer.fire('push', push(payload));
    expect(explorer.shown).toHaveLength(1);
    const broken = loadWorker([]);
    await broken.fire('push', { data: { json: () => JSON.parse('{') } });
    await broken.fire('push', push({ nope: 1 }));
    expect(broken.shown).toEqual([]);
  });
});

describe('service worker: notification clicks', () => {
  it('opens the message in a new window when no tab of the app is open', async () => {
    const worker = loadWorker([fakeWindow('/graphql')]);
    await worker.fire('notificationclick', click(''));
    expect(worker.opened).toEqual(['/c/c1?message=m9']);
  });

  it('focuses an open tab (the visible one first) and routes it there', async () => {
    const hidden = fakeWindow('/c/c2');
    const visible = fakeWindow('/me', false, true);
    const worker = loadWorker([hidden, visible]);
    await worker.fire('notificationclick', click(''));
    expect(worker.opened).toEqual([]);
    expect(visible.focused).toBe(true);
    expect(visible.messages).toEqual([{ type: 'parley:open', url: '/c/c1?message=m9' }]);
    expect(hidden.messages).toEqual([]);
  });

  it('Reply opens the conversation with the composer focused', async () => {
    const tab = fakeWindow('/');
    const worker = loadWorker([tab]);
    await worker.fire('notificationclick', click('reply'));
    expect(tab.messages).toEqual([{ type: 'parley:open', url: '/c/c1?compose=1' }]);
    const none = loadWorker([]);
    await none.fire('notificationclick', click('reply'));
    expect(none.opened).toEqual(['/c/c1?compose=1']);
  });

  it('Mark as read asks an open tab to do it in place, or opens the app at its read link', async () => {
    const tab = fakeWindow('/c/c2');
    const worker = loadWorker([tab]);
    await worker.fire('notificationclick', click('read'));
    expect(tab.messages).toEqual([{ type: 'parley:read', conversationId: 'c1', seq: 9 }]);
    expect(tab.focused).toBe(false);
    const none = loadWorker([]);
    await none.fire('notificationclick', click('read'));
    expect(none.opened).toEqual(['/?read=c1&seq=9']);
  });

  it('never follows a link off the app', async () => {
    const worker = loadWorker([]);
    await worker.fire('notificationclick', click('', { url: '//evil.example/x', conversationId: 'c1', seq: 1 }));
    await worker.fire('notificationclick', click('', { url: 'https://evil.example/' }));
    await worker.fire('notificationclick', click('', null));
    expect(worker.opened).toEqual(['/c/c1', '/', '/']);
  });
});
