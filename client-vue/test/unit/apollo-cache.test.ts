import { describe, expect, it } from 'vitest';
import { createCache } from '../../src/apollo/apollo.cache';
import { MessagesQuery } from '../../src/chat/chat.documents';
import type { MessageItemFragment, MessagesQuery as MessagesQueryResult } from '../../src/gql/graphql';

function message(seq: number): MessageItemFragment {
  const sender = { __typename: 'User', id: 'u2', username: 'u2', displayName: 'U2' };
  return {
    __typename: 'Message',
    id: `id${seq}`,
    conversationId: 'c1',
    seq,
    clientMessageId: null,
    kind: 'TEXT',
    text: `m${seq}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    editedAt: null,
    deletedAt: null,
    sender,
    replyTo: null,
  } as MessageItemFragment;
}

/** A page of messages as the server answers it. */
const page = (messages: MessageItemFragment[], hasMoreBefore: boolean) =>
  ({ messages: { __typename: 'MessagePage', messages, hasMoreBefore } }) as MessagesQueryResult;

describe('messages window', () => {
  it('puts an older page in front of the window, unless the window was replaced meanwhile', () => {
    const cache = createCache();
    const write = (seqs: number[], beforeSeq?: number) =>
      cache.writeQuery({
        query: MessagesQuery,
        variables: { conversationId: 'c1', beforeSeq },
        data: page(
          seqs.map((s) => message(s)),
          true,
        ),
      });
    const read = () =>
      cache
        .readQuery({ query: MessagesQuery, variables: { conversationId: 'c1' } })
        ?.messages.messages.map((m) => m.seq);
    write([51, 52]);
    write([49, 50], 51);
    expect(read()).toEqual([49, 50, 51, 52]);
    write([47, 48], 51);
    expect(read()).toEqual([49, 50, 51, 52]);
    write([90, 91]);
    expect(read()).toEqual([90, 91]);
  });
});
