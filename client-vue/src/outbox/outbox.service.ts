import { apollo, onReconnect } from '../apollo/apollo.client';
import { isTransient, toApiError } from '../apollo/graphql-error';
import { SendMessageMutation } from '../chat/chat.documents';
import { chatLog } from '../chat/chat.log';
import type { MessageItemFragment } from '../gql/graphql';
import { Outbox, type SendOutcome } from './outbox.queue';
import { idbOutboxStorage } from './outbox.storage';
import type { OutboxEntry } from '../offline/offline.db';

/** Why a message to a conversation the sender is no longer in was not sent. */
export const NOT_A_MEMBER = 'You are no longer a member of this conversation';

async function sendEntry(entry: OutboxEntry): Promise<SendOutcome<MessageItemFragment>> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    return { ok: false, transient: true, error: 'Offline' };
  }
  try {
    const { data } = await apollo.mutate({
      mutation: SendMessageMutation,
      variables: {
        input: {
          conversationId: entry.conversationId,
          clientMessageId: entry.clientMessageId,
          text: entry.text,
          replyToId: entry.replyToId,
          format: entry.format ?? 'PLAIN',
          threadRootId: entry.threadRootId ?? null,
        },
      },
      fetchPolicy: 'no-cache',
    });
    if (!data) return { ok: false, transient: true, error: 'No answer' };
    return { ok: true, message: data.sendMessage };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === 'RATE_LIMITED') {
      setTimeout(() => void outbox.flush(), apiError.retryAfterMs ?? 1000);
    }
    // The server answers NOT_FOUND for a conversation the sender is not in (it never says which): say why.
    const reason =
      apiError.code === 'NOT_FOUND' ? NOT_A_MEMBER : (Object.values(apiError.fields)[0] ?? apiError.message);
    return { ok: false, transient: isTransient(apiError), error: reason };
  }
}

export const outbox = new Outbox<MessageItemFragment>(idbOutboxStorage(), sendEntry, (_entry, message) =>
  chatLog.noteSent(message),
);

// Removed (or left on another device): what waits for that conversation can never be sent.
chatLog.onLeft((conversationId) => void outbox.failConversation(conversationId, NOT_A_MEMBER));

let started = false;

/** Loads the persisted outbox and keeps retrying it whenever the connection may have come back. */
export async function startOutbox(): Promise<void> {
  if (started) return;
  started = true;
  await outbox.load();
  void outbox.flush();
  window.addEventListener('online', () => void outbox.flush());
  onReconnect(() => void outbox.flush());
  setInterval(() => {
    if (outbox.pendingCount() > 0) void outbox.flush();
  }, 4000);
}
