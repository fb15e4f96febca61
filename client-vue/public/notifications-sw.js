// Push and notification-click handling, loaded into the generated service worker with `importScripts`
// (vite.config.ts, `workbox.importScripts`). Plain script, no bundling: it runs as is in the worker.
// test/unit/notifications-sw.test.ts runs it against a fake worker scope.
/* global self */

/** Paths of this origin that are not the app (the server answers them), as in `navigateFallbackDenylist`. */
const NOT_APP = /^\/(graphql|explorer|uploads|healthz|readyz)(\/|\?|$)/;

/** The push payload as the server sends it, or null when it is not one. */
function readPush(data) {
  try {
    const payload = data ? data.json() : null;
    return payload && typeof payload.title === 'string' ? payload : null;
  } catch {
    return null;
  }
}

function isAppWindow(client, origin) {
  const url = new URL(client.url);
  return url.origin === origin && !NOT_APP.test(url.pathname);
}

/** The tab a click goes to: the focused one, else a visible one, else any tab of the app. */
function pickWindow(windows, origin) {
  const app = windows.filter((w) => isAppWindow(w, origin));
  return app.find((w) => w.focused) || app.find((w) => w.visibilityState === 'visible') || app[0] || null;
}

/**
 * Where a click leads. "read": a link the app handles by marking the conversation read up to `seq` (this worker
 * holds no access token, so it cannot call the API itself). "reply": the conversation with its composer focused
 * (no inline reply: Chromium's notifications have no text field). Else the message's link.
 */
function clickTarget(action, data) {
  const id = data && typeof data.conversationId === 'string' ? encodeURIComponent(data.conversationId) : null;
  const seq = data && Number.isInteger(data.seq) ? data.seq : 0;
  if (action === 'read' && id) return `/?read=${id}&seq=${seq}`;
  if (action === 'reply' && id) return `/c/${id}?compose=1`;
  if (data && typeof data.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//')) return data.url;
  return id ? `/c/${id}` : '/';
}

async function showPush(scope, payload) {
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  // The server already skips users with a focused tab; this covers a focus report that has not arrived yet.
  if (windows.some((w) => isAppWindow(w, scope.location.origin) && w.visibilityState === 'visible' && w.focused))
    return;
  await scope.registration.showNotification(payload.title, {
    body: typeof payload.body === 'string' ? payload.body : '',
    tag: typeof payload.tag === 'string' ? payload.tag : undefined,
    renotify: typeof payload.tag === 'string',
    icon: '/icons/icon-192.png',
    data: { url: payload.url, conversationId: payload.conversationId, seq: payload.seq },
    actions: Array.isArray(payload.actions) ? payload.actions : [],
  });
}

async function openFromClick(scope, action, data) {
  const url = clickTarget(action, data);
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const target = pickWindow(windows, scope.location.origin);
  if (!target) {
    await scope.clients.openWindow(url);
    return;
  }
  if (action === 'read' && data && typeof data.conversationId === 'string') {
    // Marking read needs no window in front: the open tab does it where it is.
    target.postMessage({ type: 'parley:read', conversationId: data.conversationId, seq: data.seq });
    return;
  }
  const focused = (await target.focus()) || target;
  // Routed inside the tab, which keeps its state; navigate() would load the whole app again.
  focused.postMessage({ type: 'parley:open', url });
}

self.addEventListener('push', (event) => {
  const payload = readPush(event.data);
  if (payload) event.waitUntil(showPush(self, payload));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openFromClick(self, event.action || '', event.notification.data || null));
});
