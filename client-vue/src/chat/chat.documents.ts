import { graphql } from '../gql';

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

export const MarkDeliveredMutation = graphql(`
  mutation MarkDelivered($conversationId: ID!, $seq: Int!) {
    markDelivered(conversationId: $conversationId, seq: $seq) {
      conversationId
      lastDeliveredSeq
      user {
        id
      }
    }
  }
`);
