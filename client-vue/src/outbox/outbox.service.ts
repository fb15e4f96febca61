import { apollo, onReconnect } from '../apollo/apollo.client';
import { isTransient, toApiError } from '../apollo/graphql-error';
import { SendMessageMutation } from '../chat/chat.documents';
import { chatLog } from '../chat/chat.log';
import type { MessageItemFragment } from '../gql/graphql';
import { refusedAttachmentKey, uploadAttachments, type AttachmentSenderDeps } from '../media/attachment.sender';
import { CreateUploadMutation } from '../media/media.documents';
import { uploads } from '../media/upload.progress';
import { sendBytes } from '../media/upload.request';
import { Outbox, type SendOutcome } from './outbox.queue';
import { idbOutboxStorage } from './outbox.storage';
import type { OutboxEntry } from '../offline/offline.db';

/** Why a message to a conversation the sender is no longer in was not sent. */
export const NOT_A_MEMBER = 'You are no longer a member of this conversation';

const uploadDeps: AttachmentSenderDeps = {
  async createUpload(attachment) {
    const { data } = await apollo.mutate({
      mutation: CreateUploadMutation,
      variables: {
        input: { filename: attachment.filename, contentType: attachment.contentType, byteSize: attachment.byteSize },
      },
      fetchPolicy: 'no-cache',
    });
    if (!data) throw new Error('No answer');
    return data.createUpload;
  },
  sendBytes,
  refusal(error) {
    const apiError = toApiError(error);
    return { transient: isTransient(apiError), message: apiError.message, fields: apiError.fields };
  },
  async patch(clientMessageId, change) {
    await outbox.patch(clientMessageId, change);
    return outbox.find(clientMessageId);
  },
  find: (clientMessageId) => outbox.find(clientMessageId),
  tracker: uploads,
  now: () => Date.now(),
};

async function sendEntry(entry: OutboxEntry): Promise<SendOutcome<MessageItemFragment>> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    return { ok: false, transient: true, error: 'Offline' };
  }
  let uploadIds: string[] | null = null;
  if (entry.attachments && entry.attachments.length > 0) {
    const uploaded = await uploadAttachments(entry, uploadDeps);
    if (!uploaded.ok) {
      return 'discarded' in uploaded
        ? { ok: false, transient: false, error: 'Canceled' }
        : { ok: false, transient: uploaded.transient, error: uploaded.error };
    }
    uploadIds = uploaded.uploadIds;
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
          ...(uploadIds ? { uploadIds } : {}),
          ...(entry.location ? { location: entry.location } : {}),
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
    if (apiError.code === 'BAD_USER_INPUT') markRefusedFile(entry, apiError.fields, reason);
    return { ok: false, transient: isTransient(apiError), error: reason };
  }
}

/** Shows the server's refusal of a send beside the file it names (wrong type, too large, expired). */
function markRefusedFile(entry: OutboxEntry, fields: Record<string, string>, reason: string): void {
  const key = refusedAttachmentKey(entry, fields);
  if (!key) return;
  void outbox.patch(entry.clientMessageId, (current) => ({
    ...current,
    attachments: (current.attachments ?? []).map((a) => (a.key === key ? { ...a, error: reason } : a)),
  }));
}

export const outbox = new Outbox<MessageItemFragment>(idbOutboxStorage(), sendEntry, (_entry, message) =>
  chatLog.noteSent(message),
);

// Removed (or left on another device): what waits for that conversation can never be sent.
chatLog.onLeft((conversationId) => void outbox.failConversation(conversationId, NOT_A_MEMBER));

/**
 * Stops one file's upload (if it is running) and takes it out of its waiting message; a message left with
 * neither files nor text is dropped.
 */
export async function cancelAttachment(clientMessageId: string, key: string): Promise<void> {
  uploads.cancel(clientMessageId, key);
  await outbox.patch(clientMessageId, (entry) => {
    const attachments = (entry.attachments ?? []).filter((a) => a.key !== key);
    return attachments.length === 0 && entry.text.trim() === '' && !entry.location ? null : { ...entry, attachments };
  });
}

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
