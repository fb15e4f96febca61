import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InMemoryCache } from '@apollo/client';
import { createCache } from '../../src/apollo/apollo.cache';
import { persistCache, type PersistStorage } from '../../src/apollo/cache.persist';
import { EventLog } from '../../src/event-log/event.log';
import { ConversationsQuery, MessagesQuery } from '../../src/event-log/event.documents';
import type { MessageItemFragment, MessagesQuery as MessagesQueryResult } from '../../src/gql/graphql';
import { added, conversation, fakeServer, fakeTransport, message, setup } from './event-log.fixtures';

/** A page of messages as the server answers it. */
const page = (messages: MessageItemFragment[], hasMoreBefore: boolean, hasMoreAfter = false) =>
  ({ messages: { __typename: 'MessagePage', messages, hasMoreBefore, hasMoreAfter } }) as MessagesQueryResult;

function memoryStorage(): PersistStorage & { saved: unknown } {
  const storage = {
    saved: undefined as unknown,
    load: async () => storage.saved,
    save: async (value: unknown) => {
      storage.saved = JSON.parse(JSON.stringify(value));
    },
  };
  return storage;
}

/** The app's pairing: the cache and the applied seqs of one user, saved together. */
function persisted(log: EventLog, cache: InMemoryCache, storage: PersistStorage, user = 'u1') {
  return persistCache({
    cache,
    storage,
    extra: {
      save: () => ({ user, cursors: log.cursors() }),
      restore: (value) => {
        const saved = value as { user: string; cursors: unknown };
        if (saved.user !== user) return false;
        log.restoreCursors(saved.cursors);
        return true;
      },
    },
  });
}

describe('cache persistence', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves shortly after changes, once for a burst of them', async () => {
    vi.useFakeTimers();
    const storage = memoryStorage();
    const saves = vi.spyOn(storage, 'save');
    const h = setup();
    persisted(h.log, h.cache, storage);
    await h.log.startInbox();
    const [inbox] = h.wire.open('inbox');
    for (const seq of [3, 4, 5]) inbox?.sink.next(added(seq));
    expect(saves).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(50);
    expect(saves).toHaveBeenCalledTimes(1);
  });

  it('starts from the saved state: list and messages shown at once, the conversation resumed after its applied seq', async () => {
    const storage = memoryStorage();
    const before = setup();
    const saver = persisted(before.log, before.cache, storage);
    await before.log.startInbox();
    const subscribed = before.wire.next();
    before.log.open('c1');
    (await subscribed).sink.next(added(3));
    await saver.flush();

    const server = fakeServer();
    const wire = fakeTransport();
    const after = new EventLog({
      client: server.client,
      cache: server.cache,
      transport: wire.transport,
      me: () => 'u1',
    });
    await persisted(after, server.cache, storage).restore();
    const cache = server.cache;
    expect(cache.readQuery({ query: ConversationsQuery })?.conversations.conversations.map((c) => c.id)).toEqual([
      'c1',
    ]);
    const window = cache.readQuery({ query: MessagesQuery, variables: { conversationId: 'c1' } });
    expect(window?.messages.messages.map((m) => m.text)).toEqual(['m1', 'm2', 'm3']);
    after.open('c1');
    expect(wire.open('conversation').map((s) => s.source)).toEqual([{ conversationId: 'c1', afterSeq: 3 }]);
    expect(server.state.requests).toEqual([]);
  });

  it('keeps the newest messages of each conversation and never restores another user’s state', async () => {
    const storage = memoryStorage();
    const cache = createCache();
    const messages = Array.from({ length: 150 }, (_, i) => message(i + 1));
    cache.writeQuery({
      query: MessagesQuery,
      variables: { conversationId: 'c1' },
      data: page(messages, false),
    });
    const h = setup();
    await persisted(h.log, cache, storage).flush();

    const restored = createCache();
    await persisted(h.log, restored, storage).restore();
    const window = restored.readQuery({ query: MessagesQuery, variables: { conversationId: 'c1' } })?.messages;
    expect(window?.messages).toHaveLength(100);
    expect(window?.messages[0]?.seq).toBe(51);
    expect(window?.hasMoreBefore).toBe(true);
    expect(Object.keys(restored.extract()).filter((id) => id.startsWith('Message:'))).toHaveLength(100);

    const someoneElse = createCache();
    await persisted(h.log, someoneElse, storage, 'u9').restore();
    expect(someoneElse.extract()).toEqual({});
  });

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

  it('still shows a conversation list saved before the client read retention, as kept for good', async () => {
    const storage = memoryStorage();
    const cache = createCache();
    const list = { __typename: 'ConversationConnection' as const, conversations: [conversation(3)] };
    cache.writeQuery({ query: ConversationsQuery, data: { conversations: list } });
    const h = setup();
    await persisted(h.log, cache, storage).flush();
    const saved = storage.saved as { cache: Record<string, Record<string, unknown>> };
    delete saved.cache['Conversation:c1']?.['effectiveRetentionDays'];

    const restored = createCache();
    await persisted(h.log, restored, storage).restore();
    const read = restored.readQuery({ query: ConversationsQuery })?.conversations.conversations;
    expect(read?.map((c) => [c.id, c.effectiveRetentionDays])).toEqual([['c1', null]]);
  });
});
