import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ConversationEvent } from '@parley/core';
import type { ContractHelpers } from './fixture';

/** Waits until the clock has moved on, so messages before and after a cutoff differ in time. */
async function tick(): Promise<string> {
  const at = new Date().toISOString();
  while (new Date().toISOString() === at) await new Promise((r) => setImmediate(r));
  return new Date().toISOString();
}

/** Message retention: expiring old messages in batches, and which conversations have a retention. */
export function retentionContract(h: ContractHelpers): void {
  const { users, newConversation, addMessage, send } = h;
  const expire = async (conversationId: string, before: string, limit: number) =>
    (await h.store().write(conversationId, (tx) => tx.expireMessages(before, limit)))!.result;
  const textOf = (e: ConversationEvent) =>
    e.type === 'MessageAdded' || e.type === 'MessageUpdated'
      ? { id: e.message.id, text: e.message.text, quote: e.message.replyTo?.text, deleted: !!e.message.deletedAt }
      : null;

  it('deletes exactly the messages before the cutoff, oldest first, and strips them from stored events', async () => {
    const [a, b] = await users(2);
    const conv = await newConversation([a!, b!]);
    const old1 = await send(conv.id, a!);
    const old2 = await send(conv.id, b!, { clientMessageId: 'kept-key' });
    await h.store().write(conv.id, async (tx) => tx.setReaction(old1.id, b!, '👍', true));
    const cutoff = await tick();
    const reply = (await h.store().write(conv.id, (tx) => addMessage(tx, a!, { replyToId: old1.id })))!.result;
    const recent = await send(conv.id, b!);

    expect((await expire(conv.id, cutoff, 1)).map((m) => m.id)).toEqual([old1.id]);
    expect((await expire(conv.id, cutoff, 10)).map((m) => m.id)).toEqual([old2.id]);
    expect(await expire(conv.id, cutoff, 10)).toEqual([]);

    const left = await h.store().getMessages([old1.id, old2.id, reply.id, recent.id]);
    expect(left.map((m) => m.id).sort()).toEqual([reply.id, recent.id].sort());
    expect(await h.store().findByClientMessageId(b!, 'kept-key')).toBeNull();
    expect((await h.store().reactionsBy(b!, [old1.id])).get(old1.id) ?? new Set()).toEqual(new Set());
    const events = (await h.store().eventsAfter(conv.id, 0, 100)).map(textOf).filter((e) => e !== null);
    expect(events.find((e) => e.id === old1.id)).toMatchObject({ text: null, deleted: true });
    expect(events.find((e) => e.id === old2.id)).toMatchObject({ text: null, deleted: true });
    expect(events.find((e) => e.id === recent.id)).toMatchObject({ text: recent.text, deleted: false });
    // The seqs stay: replay is still gap-free.
    expect((await h.store().eventsAfter(conv.id, 0, 100)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('strips what a reply quoted of an expired message', async () => {
    const [a] = await users(1);
    const conv = await newConversation([a!]);
    const old = await send(conv.id, a!);
    const cutoff = await tick();
    const reply = (await h.store().write(conv.id, (tx) =>
      tx.appendMessage({
        id: randomUUID(),
        clientMessageId: randomUUID(),
        senderId: a!,
        kind: 'TEXT',
        text: 'answer',
        format: 'PLAIN',
        replyToId: old.id,
        threadRootId: null,
        forwardedFrom: null,
        mentionIds: [],
        attachments: [],
        location: null,
        sender: null,
        replyTo: old,
        mentions: [],
      }),
    ))!.result.message;
    await expire(conv.id, cutoff, 10);
    const events = (await h.store().eventsAfter(conv.id, 0, 100)).map(textOf);
    expect(events.find((e) => e?.id === reply.id)).toMatchObject({ text: 'answer', quote: null });
  });

  it('keeps a thread’s first message while the thread has newer replies, and takes the replies with it', async () => {
    const [a] = await users(1);
    const conv = await newConversation([a!]);
    const busy = await send(conv.id, a!);
    const quiet = await send(conv.id, a!);
    const inReply = (rootId: string) => h.store().write(conv.id, (tx) => addMessage(tx, a!, { threadRootId: rootId }));
    const oldBusyReply = (await inReply(busy.id))!.result;
    const quietReply = (await inReply(quiet.id))!.result;
    const cutoff = await tick();
    const newBusyReply = (await inReply(busy.id))!.result;

    const gone = (await expire(conv.id, cutoff, 10)).map((m) => m.id).sort();
    expect(gone).toEqual([quiet.id, quietReply.id, oldBusyReply.id].sort());
    const left = (await h.store().getMessages([busy.id, newBusyReply.id, quiet.id])).map((m) => m.id).sort();
    expect(left).toEqual([busy.id, newBusyReply.id].sort());
  });

  it('lists conversations whose messages expire, with the shorter of their own and the server’s days', async () => {
    const [a] = await users(1);
    const [own, none] = [await newConversation([a!]), await newConversation([a!])];
    await h.store().write(own.id, (tx) => tx.updateConversation({ retentionDays: 7 }));
    expect((await h.store().getConversations([own.id]))[0]!.retentionDays).toBe(7);
    const all = async (serverDays: number | null) => {
      const out = new Map<string, number>();
      let after: string | null = null;
      for (;;) {
        const page = await h.store().retentionPage(serverDays, after, 2);
        for (const r of page) out.set(r.id, r.days);
        if (page.length < 2) return out;
        after = page.at(-1)!.id;
      }
    };
    expect((await all(null)).get(own.id)).toBe(7);
    expect((await all(null)).has(none.id)).toBe(false);
    expect((await all(3)).get(own.id)).toBe(3);
    expect((await all(30)).get(own.id)).toBe(7);
    expect((await all(30)).get(none.id)).toBe(30);
    await h.store().write(own.id, (tx) => tx.updateConversation({ retentionDays: null }));
    expect((await all(null)).has(own.id)).toBe(false);
  });
}
