import { graphql } from '../gql';

// The entities an event carries, written into the cache as they arrive. No viewer-dependent field
// (unreadCount, presence, reactedByMe, receipt, a ReceiptsUpdated's readers) is selected, so the server can execute
// each event once for every subscriber; the cache's policies and the receipts refetch fill in the rest.
graphql(`
  fragment EventMember on Member {
    conversationId
    role
    joinedAt
    user {
      id
      username
      displayName
    }
  }
`);

graphql(`
  fragment EventConversation on Conversation {
    id
    title
    description
    memberCount
    lastActivityAt
    retentionDays
    effectiveRetentionDays
  }
`);

graphql(`
  fragment ConversationEventFields on ConversationEvent {
    __typename
    conversationId
    seq
    ... on MessageAdded {
      message {
        ...MessageContent
      }
    }
    ... on MessageUpdated {
      message {
        ...MessageContent
      }
    }
    ... on MemberJoined {
      member {
        ...EventMember
      }
    }
    ... on MemberUpdated {
      member {
        ...EventMember
      }
    }
    ... on MemberLeft {
      user {
        id
      }
    }
    ... on ConversationUpdated {
      conversation {
        ...EventConversation
      }
    }
  }
`);

export const ConversationEventsSubscription = graphql(`
  subscription ConversationEvents($conversationId: ID!, $afterSeq: Int) {
    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {
      ...ConversationEventFields
    }
  }
`);

export const InboxEventsSubscription = graphql(`
  subscription InboxEvents {
    inboxEvents {
      ...ConversationEventFields
    }
  }
`);

/** A conversation's window of messages; the newest page is the snapshot its events apply to. */
export const MessagesQuery = graphql(`
  query Messages($conversationId: ID!, $beforeSeq: Int, $afterSeq: Int, $limit: Int) {
    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, afterSeq: $afterSeq, limit: $limit) {
      messages {
        ...MessageItem
      }
      hasMoreBefore
      hasMoreAfter
    }
  }
`);

/** The same window reduced to what placing a message in it needs. */
export const MessageWindowQuery = graphql(`
  query MessageWindow($conversationId: ID!) {
    messages(conversationId: $conversationId) {
      messages {
        id
        seq
      }
      hasMoreBefore
      hasMoreAfter
    }
  }
`);

/** The conversation list, newest activity first. */
export const ConversationsQuery = graphql(`
  query Conversations {
    conversations(first: 100) {
      conversations {
        ...ConversationListItem
      }
    }
  }
`);

/** What the inbox keeps per conversation besides the entities: how far it has counted. */
export const ConversationSummaryFragment = graphql(`
  fragment ConversationSummary on Conversation {
    id
    lastSeq
    unreadCount
    unreadMentionCount
  }
`);
