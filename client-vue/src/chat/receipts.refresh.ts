import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { apollo } from '../apollo/apollo.client';
import { graphql } from '../gql';
import type { MessageItemFragment } from '../gql/graphql';
import { useConversationEvents } from './chat.log';

const ReceiptFragment = graphql(`
  fragment MessageReceiptOnly on Message {
    receipt {
      status
      deliveredCount
      readCount
      recipientCount
    }
  }
`);

const MessageReceiptsQuery = graphql(`
  query MessageReceipts($conversationId: ID!, $afterSeq: Int!) {
    messages(conversationId: $conversationId, afterSeq: $afterSeq, limit: 200) {
      messages {
        id
        ...MessageReceiptOnly
      }
    }
  }
`);

const ThreadReceiptsQuery = graphql(`
  query ThreadReceipts($rootMessageId: ID!, $afterSeq: Int!) {
    thread(rootMessageId: $rootMessageId, afterSeq: $afterSeq, limit: 200) {
      messages {
        id
        ...MessageReceiptOnly
      }
    }
  }
`);

/** Receipts events come at most once a second per conversation; a short pause joins a burst into one read. */
const DELAY_MS = 250;

/**
 * Keeps the ticks of the viewer's own messages on screen current. `ReceiptsUpdated` carries others' markers, as
 * each viewer may see them, which the server leaves out of shared events; so it only says "read the receipts
 * again", for the own messages shown that are not read by everyone yet. The answer does not go through the
 * messages window (no-cache): only each message's receipt is written, so the window stays as it is.
 */
export function useReceiptRefresh(
  conversationId: MaybeRefOrGetter<string>,
  messages: MaybeRefOrGetter<readonly MessageItemFragment[]>,
  meId: MaybeRefOrGetter<string | null>,
  /** A thread's replies are not in the timeline: their receipts are read through the thread. */
  threadRootId: MaybeRefOrGetter<string | null> = null,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    const id = toValue(conversationId);
    const open = toValue(messages).filter(
      (m) => m.sender?.id === toValue(meId) && !m.deletedAt && m.kind === 'TEXT' && m.receipt?.status !== 'READ',
    );
    if (open.length === 0) return;
    const afterSeq = Math.min(...open.map((m) => m.seq)) - 1;
    const rootMessageId = toValue(threadRootId);
    try {
      const answer = rootMessageId
        ? (
            await apollo.query({
              query: ThreadReceiptsQuery,
              variables: { rootMessageId, afterSeq },
              fetchPolicy: 'no-cache',
            })
          ).data?.thread
        : (
            await apollo.query({
              query: MessageReceiptsQuery,
              variables: { conversationId: id, afterSeq },
              fetchPolicy: 'no-cache',
            })
          ).data?.messages;
      for (const m of answer?.messages ?? []) {
        if (!m.receipt) continue;
        apollo.cache.writeFragment({
          id: apollo.cache.identify({ __typename: 'Message', id: m.id }),
          fragment: ReceiptFragment,
          data: { receipt: { ...m.receipt, __typename: 'MessageReceipt' } as typeof m.receipt },
        });
      }
    } catch {
      // Offline: the next receipts event or reconnect reads them again.
    }
  }

  function soon(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), DELAY_MS);
  }

  useConversationEvents(conversationId, {
    event: (event) => {
      if (event.__typename === 'ReceiptsUpdated') soon();
    },
    // A new snapshot after a gap: receipts may have moved meanwhile.
    resync: soon,
  });
  // Opening a chat shows receipts saved from the last visit: read them again once.
  watch(() => toValue(conversationId), soon, { immediate: true });
  onScopeDispose(() => clearTimeout(timer));
}
