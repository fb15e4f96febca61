import { graphql } from '../gql';

/** The conversation's events after `afterSeq`, answered at once when there are some, else within `waitMs`. */
export const PollConversationEventsQuery = graphql(`
  query PollConversationEvents($conversationId: ID!, $afterSeq: Int!, $waitMs: Int!) {
    pollConversationEvents(conversationId: $conversationId, afterSeq: $afterSeq, waitMs: $waitMs) {
      events {
        ...ConversationEventFields
      }
      lastSeq
    }
  }
`);

/** Every conversation's events after `cursor` (from now without one), answered as the conversation poll is. */
export const PollInboxEventsQuery = graphql(`
  query PollInboxEvents($cursor: String, $waitMs: Int!) {
    pollInboxEvents(cursor: $cursor, waitMs: $waitMs) {
      cursor
      events {
        ...ConversationEventFields
      }
    }
  }
`);
