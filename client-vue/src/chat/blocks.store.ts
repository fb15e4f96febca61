import { computed, shallowRef } from 'vue';
import { apollo } from '../apollo/apollo.client';
import { graphql } from '../gql';
import type { BlockedUserFragment } from '../gql/graphql';

graphql(`
  fragment BlockedUser on User {
    id
    username
    displayName
    blockedByMe
  }
`);
const BlockedUsersQuery = graphql(`
  query BlockedUsers {
    blockedUsers {
      ...BlockedUser
    }
  }
`);
const BlockUserMutation = graphql(`
  mutation BlockUser($userId: ID!) {
    blockUser(userId: $userId) {
      ...BlockedUser
    }
  }
`);
const UnblockUserMutation = graphql(`
  mutation UnblockUser($userId: ID!) {
    unblockUser(userId: $userId) {
      ...BlockedUser
    }
  }
`);

// The viewer's blocked users, newest first. Kept here rather than read field by field, because every
// message of a group asks whether its sender is blocked.
const list = shallowRef<readonly BlockedUserFragment[]>([]);
const ids = computed(() => new Set(list.value.map((u) => u.id)));
let loading: Promise<void> | null = null;

export const blocks = {
  list: computed(() => list.value),
  has: (userId: string | null | undefined): boolean => (userId ? ids.value.has(userId) : false),

  /** Loads the list once per session (again after a failure, e.g. offline: the cache may answer). */
  load(): Promise<void> {
    loading ??= apollo
      .query({ query: BlockedUsersQuery, fetchPolicy: 'network-only' })
      .catch(() => apollo.query({ query: BlockedUsersQuery, fetchPolicy: 'cache-only' }))
      .then((r) => {
        list.value = r.data?.blockedUsers ?? list.value;
      })
      .catch(() => {
        loading = null;
      });
    return loading;
  },

  /** Blocks a user; throws the server's refusal. */
  async block(userId: string): Promise<void> {
    const { data } = await apollo.mutate({ mutation: BlockUserMutation, variables: { userId } });
    const user = data?.blockUser;
    if (user) list.value = [user, ...list.value.filter((u) => u.id !== user.id)];
  },

  async unblock(userId: string): Promise<void> {
    await apollo.mutate({ mutation: UnblockUserMutation, variables: { userId } });
    list.value = list.value.filter((u) => u.id !== userId);
  },

  reset(): void {
    list.value = [];
    loading = null;
  },
};
