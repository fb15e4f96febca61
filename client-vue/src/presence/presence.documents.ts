import { graphql } from '../gql';

export const PresenceFieldsFragment = graphql(`
  fragment PresenceFields on Presence {
    status
    lastSeenAt
    statusText
  }
`);

export const PresenceSubscription = graphql(`
  subscription PresenceChanges($userIds: [ID!]!) {
    presence(userIds: $userIds) {
      userId
      presence {
        ...PresenceFields
      }
    }
  }
`);
