import { graphql } from '../gql';

export const ConversationsQuery = graphql(`
  query Conversations {
    conversations(first: 100) {
      conversations {
        ...ConversationListItem
      }
    }
  }
`);

export const InboxEventsSubscription = graphql(`
  subscription InboxEvents {
    inboxEvents {
      __typename
      conversationId
      seq
      ... on MessageAdded {
        message {
          ...MessageItem
        }
      }
      ... on MemberJoined {
        member {
          conversationId
          user {
            id
          }
        }
      }
      ... on MemberLeft {
        user {
          id
        }
      }
      ... on ConversationUpdated {
        conversation {
          ...ConversationListItem
        }
      }
    }
  }
`);
