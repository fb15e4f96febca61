import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue';
import { useQuery } from '../composables/useQuery';
import { graphql } from '../gql';
import type { MentionCandidate } from './mention.complete';

const MentionMembersQuery = graphql(`
  query MentionMembers($id: ID!) {
    conversation(id: $id) {
      id
      members(first: 200) {
        conversationId
        user {
          id
          username
          displayName
        }
      }
    }
  }
`);

/**
 * The people `@` can offer in a conversation, fetched the first time someone starts a mention (most messages
 * have none). The first 200 members: a bigger group's others can still be mentioned by typing the name out.
 */
export function useMentionMembers(conversationId: MaybeRefOrGetter<string>) {
  const wanted = ref(false);
  const query = useQuery(
    MentionMembersQuery,
    () => ({ id: toValue(conversationId) }),
    () => wanted.value,
  );
  return {
    members: computed<MentionCandidate[]>(() => query.data.value?.conversation?.members.map((m) => m.user) ?? []),
    want: () => (wanted.value = true),
  };
}
