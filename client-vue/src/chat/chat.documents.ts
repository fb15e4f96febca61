import { graphql } from '../gql';

export const MessagesQuery = graphql(`
  query Messages($conversationId: ID!, $beforeSeq: Int, $limit: Int) {
    messages(conversationId: $conversationId, beforeSeq: $beforeSeq, limit: $limit) {
      messages {
        ...MessageItem
      }
      hasMoreBefore
    }
  }
`);

export const ConversationEventsSubscription = graphql(`
  subscription ConversationEvents($conversationId: ID!, $afterSeq: Int) {
    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {
      __typename
      conversationId
      seq
      ... on MessageAdded {
        message {
          ...MessageItem
        }
      }
      ... on MessageUpdated {
        message {
          ...MessageItem
        }
      }
    }
  }
`);

export const SendMessageMutation = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      ...MessageItem
    }
  }
`);

export const MarkReadMutation = graphql(`
  mutation MarkRead($conversationId: ID!, $seq: Int!) {
    markRead(conversationId: $conversationId, seq: $seq) {
      conversationId
      lastReadSeq
      user {
        id
      }
    }
  }
`);
