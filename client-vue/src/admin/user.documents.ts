import { graphql } from '../gql';

graphql(`
  fragment ServerUserRow on ServerUser {
    id
    username
    displayName
    createdAt
    serverRole
    roleFromConfig
    suspension {
      id
      at
      until
      reason
    }
  }
`);

export const ServerUsersQuery = graphql(`
  query ServerUsers($query: String!, $first: Int!) {
    serverUsers(query: $query, first: $first) {
      ...ServerUserRow
    }
  }
`);

export const SetServerRoleMutation = graphql(`
  mutation SetServerRole($userId: ID!, $role: ServerRole!, $reason: String!) {
    setServerRole(userId: $userId, role: $role, reason: $reason) {
      ...ServerUserRow
    }
  }
`);
