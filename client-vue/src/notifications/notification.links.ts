import type { Router } from 'vue-router';
import { apollo } from '../apollo/apollo.client';
import { MarkReadMutation } from '../chat/chat.documents';
import { inbox } from '../chat/inbox.store';

/** What the service worker posts to an open tab when a notification is clicked (see public/notifications-sw.js). */
type WorkerMessage =
  { type: 'parley:open'; url: string } | { type: 'parley:read'; conversationId: string; seq: number };

function workerMessage(data: unknown): WorkerMessage | null {
  const d = data as { type?: unknown; url?: unknown; conversationId?: unknown; seq?: unknown } | null;
  if (d?.type === 'parley:open' && typeof d.url === 'string' && d.url.startsWith('/') && !d.url.startsWith('//'))
    return { type: d.type, url: d.url };
  if (d?.type === 'parley:read' && typeof d.conversationId === 'string' && typeof d.seq === 'number')
    return { type: d.type, conversationId: d.conversationId, seq: d.seq };
  return null;
}

/** Marks a conversation read up to `seq` on the server, and here when nothing newer has arrived since. */
async function markConversationRead(conversationId: string, seq: number): Promise<void> {
  if (!Number.isInteger(seq) || seq < 0) return;
  if ((inbox.find(conversationId)?.lastSeq ?? 0) <= seq) inbox.markReadLocally(conversationId);
  await apollo.mutate({ mutation: MarkReadMutation, variables: { conversationId, seq } }).catch(() => {
    // Offline or no longer a member: the conversation shows as unread, which is what the server says.
  });
}

/**
 * A click on a notification focuses an open tab and asks it to show the link: routed in the app, so the tab keeps
 * its state instead of loading again.
 */
export function listenForNotificationClicks(router: Router): () => void {
  if (!('serviceWorker' in navigator)) return () => undefined;
  const onMessage = (event: MessageEvent): void => {
    const message = workerMessage(event.data);
    if (message?.type === 'parley:open') void router.push(message.url);
    else if (message?.type === 'parley:read') void markConversationRead(message.conversationId, message.seq);
  };
  navigator.serviceWorker.addEventListener('message', onMessage);
  return () => navigator.serviceWorker.removeEventListener('message', onMessage);
}

/**
 * "Mark as read" from a notification arrives as `/?read=<conversation>&seq=<seq>`: the worker has no access token,
 * so the app does it. The link then goes from the address bar, so a reload does not repeat it.
 */
export async function handleReadLink(router: Router): Promise<void> {
  const { read, seq } = router.currentRoute.value.query;
  if (typeof read !== 'string' || typeof seq !== 'string') return;
  await router.replace({ query: {} });
  await markConversationRead(read, Number(seq));
}
