import { apollo } from '../apollo/apollo.client';
import { graphql } from '../gql';

const MessageMediaFragment = graphql(`
  fragment MessageMedia on Message {
    id
    attachments {
      ...AttachmentFields
    }
  }
`);

export const MessageMediaQuery = graphql(`
  query MessageMedia($conversationId: ID!, $beforeSeq: Int!) {
    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, limit: 1) {
      messages {
        ...MessageMedia
      }
    }
  }
`);

// One refresh per message a minute: a file that is really gone must not make the page ask again and again.
const RETRY_AFTER_MS = 60_000;
const lastTried = new Map<string, number>();

/**
 * Reads fresh (signed, expiring) URLs for a message's attachments and puts them in the cache, which updates every
 * view showing the message. Outside the window query: writing a one-message page there would reshape the window.
 */
export async function refreshMedia(message: { id: string; conversationId: string; seq: number }): Promise<void> {
  const now = Date.now();
  if (now - (lastTried.get(message.id) ?? 0) < RETRY_AFTER_MS) return;
  lastTried.set(message.id, now);
  try {
    const { data } = await apollo.query({
      query: MessageMediaQuery,
      variables: { conversationId: message.conversationId, beforeSeq: message.seq + 1 },
      fetchPolicy: 'no-cache',
    });
    const fresh = data?.messages.messages.find((m) => m.id === message.id);
    if (!fresh) return;
    apollo.cache.writeFragment({ fragment: MessageMediaFragment, data: fresh });
  } catch {
    // Offline or refused: the placeholder stays, and a later view of the message tries again.
  }
}
