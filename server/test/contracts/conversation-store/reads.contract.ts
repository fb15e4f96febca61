import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationStore } from '@parley/core';
import type { ContractHelpers } from './fixture';

type Page = Awaited<ReturnType<ConversationStore['listConversations']>>;

/** Unread counts, read markers and the paged lists of conversations and members. */
export function readsContract(h: ContractHelpers): void {
  const { users, newConversation, send, get } = h;

  describe('reads', () => {
    it('counts unread TEXT messages from others above lastReadSeq, and those that mention the reader', async () => {
      const [a, b, outsider] = await users(3);
      const conv = await newConversation([a!, b!]);
      const other = await newConversation([a!, b!]);
      const first = await send(conv.id, a!); // 1
      await h.store().write(conv.id, (tx) => h.addMessage(tx, a!, { mentionIds: [b!] })); // 2, mentions b
      await send(conv.id, b!); // 3
      await send(conv.id, null); // 4, SYSTEM
      await send(conv.id, a!); // 5
      // In a thread: not counted in the conversation.
      await h.store().write(conv.id, (tx) => h.addMessage(tx, a!, { threadRootId: first.id })); // 6
      await send(other.id, a!);
      const counts = await h.store().unreadCounts(b!, [conv.id, other.id]);
      expect(counts.get(conv.id)).toEqual({ messages: 3, mentions: 1 });
      expect(counts.get(other.id)).toEqual({ messages: 1, mentions: 0 });
      expect((await h.store().unreadCounts(a!, [conv.id])).get(conv.id)).toEqual({ messages: 1, mentions: 0 });
      // Hidden for b: no longer counted for b.
      await h.store().hideMessage(b!, first);
      expect((await h.store().unreadCounts(b!, [conv.id])).get(conv.id)).toEqual({ messages: 2, mentions: 1 });
      expect(await h.store().markRead(conv.id, b!, 2)).toMatchObject({ lastReadSeq: 2 });
      expect((await h.store().unreadCounts(b!, [conv.id])).get(conv.id)).toEqual({ messages: 1, mentions: 0 });
      expect(await h.store().markRead(conv.id, b!, 6)).toMatchObject({ lastReadSeq: 6 });
      expect((await h.store().unreadCounts(b!, [conv.id])).get(conv.id)).toEqual({ messages: 0, mentions: 0 });
      const none = await h.store().unreadCounts(outsider!, [conv.id]);
      expect(none.get(conv.id)?.messages ?? 0).toBe(0);
      expect((await h.store().unreadCounts(b!, [])).size).toBe(0);
    });

    it('markRead never lowers the marker, refuses seqs past lastSeq and ignores non-members', async () => {
      const [a, b, outsider] = await users(3);
      const conv = await newConversation([a!, b!]);
      for (let i = 0; i < 5; i++) await send(conv.id, a!);
      const store = h.store();
      expect(await store.markRead(conv.id, b!, 4)).toMatchObject({ userId: b, lastReadSeq: 4, lastDeliveredSeq: 4 });
      expect(await store.markRead(conv.id, b!, 2)).toMatchObject({ lastReadSeq: 4, lastDeliveredSeq: 4 });
      expect(await store.markRead(conv.id, b!, 6)).toBe('tooHigh');
      expect(await store.markRead(conv.id, b!, 5)).toMatchObject({ lastReadSeq: 5 });
      expect(await store.markRead(conv.id, outsider!, 1)).toBeNull();
      expect(await store.markRead(randomUUID(), b!, 0)).toBeNull();
      const [m] = await store.getMemberships([{ conversationId: conv.id, userId: b! }]);
      expect(m).toMatchObject({ lastReadSeq: 5, lastDeliveredSeq: 5 });
    });
  });

  describe('listing', () => {
    async function pages(userId: string, size: number): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let cursor: string | null = null;
      let n = 0;
      do {
        const page: Page = await h.store().listConversations(userId, size, cursor);
        expect(page.conversations.length).toBeLessThanOrEqual(size);
        ids.push(...page.conversations.map((c) => c.id));
        cursor = page.nextCursor;
        n++;
      } while (cursor && n < 10);
      return { ids, pages: n };
    }

    it('lists conversations newest activity first, paging with a cursor without duplicates or misses', async () => {
      const [a, b] = await users(2);
      const convs: Conversation[] = [];
      const t0 = Date.now() - 60_000;
      for (let i = 0; i < 7; i++) {
        convs.push(await newConversation([a!, b!], { at: new Date(t0 + i * 1000).toISOString() }));
      }
      await newConversation([b!]); // not a's
      // Activity moves conversations 2 and 0 to the top, 0 newest.
      const second = await send(convs[2]!.id, b!);
      // Sends within one millisecond tie (and then order by id): send until 0 is strictly newer.
      while ((await send(convs[0]!.id, b!)).createdAt <= second.createdAt);
      const expected = [0, 2, 6, 5, 4, 3, 1].map((i) => convs[i]!.id);
      expect(await pages(a!, 3)).toEqual({ ids: expected, pages: 3 });
      const all = await h.store().listConversations(a!, 7, null);
      expect(all.conversations.map((c) => c.id)).toEqual(expected);
      expect(all.nextCursor).toBeNull();
      expect(all.conversations[1]).toMatchObject({ lastSeq: 1, memberCount: 2 });
    });

    it('pages through conversations with equal activity times by id', async () => {
      const [a] = await users(1);
      const at = new Date(Date.now() - 120_000).toISOString();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await newConversation([a!], { at })).id);
      expect((await pages(a!, 2)).ids).toEqual([...ids].sort().reverse());
    });

    it('rejects a malformed cursor', async () => {
      const [a] = await users(1);
      await newConversation([a!]);
      await expect(h.store().listConversations(a!, 2, 'not-a-cursor')).rejects.toMatchObject({
        name: 'InvalidCursorError',
      });
      const forged = Buffer.from(`${new Date().toISOString()}|not-an-id`).toString('base64url');
      await expect(h.store().listConversations(a!, 2, forged)).rejects.toMatchObject({ name: 'InvalidCursorError' });
    });

    it('pages members in join order: founders by user id, then by the seq they joined at', async () => {
      const ids = await users(5);
      const conv = await newConversation([ids[0]!, ids[3]!, ids[4]!]);
      await h.join(conv.id, ids[2]!, ids[1]!);
      const expected = [...[ids[0]!, ids[3]!, ids[4]!].sort(), ids[2], ids[1]];
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 5; i++) {
        const page = await h.store().listMembers(conv.id, 2, after);
        seen.push(...page.map((m) => m.userId));
        if (page.length < 2) break;
        after = page[page.length - 1]!.userId;
      }
      expect(seen).toEqual(expected);
      expect(await h.store().listMembers(conv.id, 10, ids[1]!)).toEqual([]);
      expect(await h.store().listMembers(conv.id, 10, randomUUID())).toEqual([]);
      expect((await get(conv.id)).memberCount).toBe(5);
    });

    it('maintains memberCount as members come and go', async () => {
      const [a, b, c, d] = await users(4);
      const conv = await newConversation([a!, b!]);
      await h.join(conv.id, c!, d!);
      expect((await get(conv.id)).memberCount).toBe(4);
      await h.store().write(conv.id, async (tx) => {
        await tx.deleteMember(b!);
        await tx.deleteMember(randomUUID());
      });
      expect((await get(conv.id)).memberCount).toBe(3);
      expect(await h.store().listMembers(conv.id, 10, null)).toHaveLength(3);
      expect(await h.store().conversationIdsOf(b!)).toEqual([]);
    });
  });
}
