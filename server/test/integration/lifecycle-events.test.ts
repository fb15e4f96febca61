import type { Client } from 'graphql-ws';
import { expect, it } from 'vitest';
import { EVENT, OPS, describeOnEachDatabase, expectSeqs, ok } from '../support/chat';
import { codeOf, record, until, type GqlResult } from '../support/client';

/** Runs one operation over a graphql-ws socket, as a client that keeps everything on one connection. */
function overSocket(client: Client, query: string, variables: Record<string, unknown>): Promise<GqlResult> {
  return new Promise((resolve, reject) => {
    let result: GqlResult = { status: 200 };
    client.subscribe(
      { query, variables },
      {
        next: (v) => void (result = { ...(v as object), status: 200 }),
        error: reject,
        complete: () => resolve(result),
      },
    );
  });
}

/**
 * The timeline a client builds from a snapshot and events, as a normalized cache does: messages by
 * id, each replaced by its newest version, a quoted message read from the same place.
 */
function fold(snapshot: any[], events: any[]): any[] {
  const byId = new Map<string, any>(snapshot.map((m) => [m.id, m]));
  for (const e of events) if (e.message) byId.set(e.message.id, e.message);
  const quote = (q: any) =>
    q && byId.has(q.id) ? { id: q.id, text: byId.get(q.id).text, deletedAt: byId.get(q.id).deletedAt } : q;
  return [...byId.values()]
    .filter((m) => m.threadRootId === null)
    .sort((x, y) => x.seq - y.seq)
    .map((m) => ({ ...m, replyTo: quote(m.replyTo) }));
}

describeOnEachDatabase('message lifecycle events', (t) => {
  it('makes every change one event at the next seq, delivered once and in order, that any resume replays and converges on', async () => {
    const [a, b, c] = await t.users(3, 'ev');
    const g = await t.group(a!, [b!, c!]);
    const start = await t.lastSeq(a!, g);
    const live = t.subscribe(b!, g, start);
    const inbox = record(t.ws(b!), `subscription { inboxEvents { ${EVENT} } }`, {}, 'inboxEvents');
    const socket = t.ws(c!);
    const viaSocket = async (query: string, variables: Record<string, unknown>) => {
      const r = await overSocket(socket, query, variables);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return Object.values(r.data!)[0] as any;
    };
    // The inbox is live-only: it is in place once a ping in another conversation reaches it.
    const dm = await t.direct(a!, b!);
    const pinged = () => inbox.events.some((e) => e.conversationId === dm);
    for (let i = 0; !pinged(); i++) {
      expect(i).toBeLessThan(40);
      await t.send(a!, dm, `ping ${i}`);
      await until(pinged, 500).catch(() => undefined);
    }
    const hello = await t.send(a!, g, `hello @${b!.username}`);

    await ok(t.react(b!, hello.id, '👍'));
    await ok(t.edit(a!, hello.id, `hello again @${b!.username}`));
    // The same rules over the socket: c may not edit a's message, but may react and reply in a thread.
    expect(codeOf(await overSocket(socket, OPS.edit, { m: hello.id, t: 'not mine' }))).toBe('FORBIDDEN');
    await viaSocket(OPS.react, { m: hello.id, e: '🎉' });
    await viaSocket(OPS.send, {
      i: { conversationId: g, clientMessageId: 'c-1', text: 'in a thread', threadRootId: hello.id },
    });
    // A client takes a snapshot here and follows the events after it.
    const snapshot = { seq: await t.lastSeq(b!, g), messages: await t.timeline(b!, g) };
    const answer = await t.send(b!, g, 'answering', { replyToId: hello.id });
    await ok(t.delete(a!, answer.id, false)); // for a only: no event
    await ok(t.unreact(c!, hello.id, '😀')); // not there: no event
    await ok(t.react(b!, hello.id, '👍')); // already there: no event
    const [copy] = await ok(t.forward(b!, answer.id, [g]));
    await ok(t.delete(a!, hello.id));
    await ok(t.markRead(b!, g, copy.seq + 1));
    const end = copy.seq + 2;

    const expected = [
      'MessageAdded', // hello
      'MessageUpdated', // 👍
      'MessageUpdated', // edit
      'MessageUpdated', // 🎉 over the socket
      'MessageAdded', // thread reply
      'MessageUpdated', // its root's summary
      'MessageAdded', // answer
      'MessageAdded', // forwarded copy
      'MessageUpdated', // deleted for everyone
      'ReceiptsUpdated',
    ];
    await t.eventAt(live, end);
    expect(end - start).toBe(expected.length);
    expectSeqs(live, start + 1, end);
    expect(live.events.map((e) => e.__typename)).toEqual(expected);
    await t.eventAt(inbox, end);
    expect(inbox.events.filter((e) => e.conversationId === g).map((e) => e.seq)).toEqual(live.events.map((e) => e.seq));
    expect(await t.lastSeq(c!, g)).toBe(end);
    expect(live.events[8].message).toMatchObject({ id: hello.id, text: null, reactions: [], mentions: [] });
    expect(live.events[9].readers).toEqual([{ userId: b!.id, lastReadSeq: end - 1, lastDeliveredSeq: end - 1 }]);

    // A client resuming from any seq gets the rest, in order.
    for (const from of [start, start + 3, end - 1, end]) {
      const replayed = await t.replay(b!, g, from);
      expect(replayed.map((e) => [e.seq, e.__typename])).toEqual(
        live.events.filter((e) => e.seq > from).map((e) => [e.seq, e.__typename]),
      );
    }
    // The snapshot with the live events after it, the snapshot with a replay after it, and a replay of
    // everything each build the timeline a fresh fetch returns.
    const fetched = await t.timeline(b!, g);
    expect(fetched.find((m) => m.id === answer.id).replyTo).toEqual({
      id: hello.id,
      text: null,
      deletedAt: expect.any(String),
    });
    const after = live.events.filter((e) => e.seq > snapshot.seq);
    expect(fold(snapshot.messages, after)).toEqual(fetched);
    expect(fold(snapshot.messages, await t.replay(b!, g, snapshot.seq))).toEqual(fetched);
    expect(fold([], await t.replay(b!, g, 0))).toEqual(fetched);
  });
});
