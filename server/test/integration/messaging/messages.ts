import { describe, expect, it } from 'vitest';
import { codeOf, record } from '../../support/client';
import { CONV_EVENTS, type MessagingSuite } from './fixture';

/** Sending messages (idempotency, replies, validation), reading history and marking it read. */
export function messageTests(suite: MessagingSuite): void {
  const { call, ok, ws, users, openDirect, sendRaw, uniq, send, conv, history, allMessages } = suite;

  describe('messages', () => {
    it('sendMessage is idempotent per (sender, clientMessageId), also concurrently, and emits one event', async () => {
      const [a, b] = await users(2);
      const c = await openDirect(a!, b!.id);
      const sub = record(ws(b!), CONV_EVENTS, { c: c.id, a: 0 }, 'conversationEvents');
      const first = await send(a!, c.id, 'hi', 'key-1');
      expect(first).toMatchObject({ seq: 1, clientMessageId: 'key-1', text: 'hi' });
      const repeats = await Promise.all(Array.from({ length: 5 }, () => send(a!, c.id, 'hi', 'key-1')));
      for (const r of repeats) expect(r).toMatchObject({ id: first.id, seq: 1 });
      // Concurrent first sends of a fresh key: one message.
      const racing = await Promise.all(Array.from({ length: 5 }, () => send(a!, c.id, 'race', 'key-2')));
      expect(new Set(racing.map((r) => r.id)).size).toBe(1);
      expect(racing[0].seq).toBe(2);
      // Another sender may use the same key.
      const bs = await send(b!, c.id, 'mine', 'key-1');
      expect(bs.id).not.toBe(first.id);
      expect(bs.seq).toBe(3);
      // The same key for different content is a conflict and stores nothing.
      expect(codeOf(await sendRaw(a!, c.id, 'other text', 'key-1'))).toBe('CONFLICT');
      expect((await conv(a!, c.id)).lastSeq).toBe(3);
      await sub.waitFor(3);
      await send(a!, c.id, 'end');
      await sub.waitFor(4);
      expect(sub.events.map((e: any) => e.seq)).toEqual([1, 2, 3, 4]);
      expect((await allMessages(a!, c.id)).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    });

    it('replyToId must be a message of the same conversation', async () => {
      const [a, b, c] = await users(3);
      const ab = await openDirect(a!, b!.id);
      const ac = await openDirect(a!, c!.id);
      const m1 = await send(a!, ab.id, 'question');
      const reply = await send(b!, ab.id, 'answer', undefined, m1.id);
      expect(reply.replyTo).toEqual({ id: m1.id });
      const other = await send(a!, ac.id, 'elsewhere');
      const cross = await sendRaw(b!, ab.id, 'cross', 'x1', other.id);
      expect(codeOf(cross)).toBe('BAD_USER_INPUT');
      expect(cross.errors![0]!.extensions!['fields']).toHaveProperty('replyToId');
      expect(codeOf(await sendRaw(b!, ab.id, 'ghost', 'x2', '00000000-0000-4000-8000-000000000000'))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await sendRaw(b!, ab.id, 'junk', 'x3', 'junk'))).toBe('BAD_USER_INPUT');
      expect((await conv(a!, ab.id)).lastSeq).toBe(2);
      // A key refused once is still free: nothing partial was stored.
      expect((await send(b!, ab.id, 'cross', 'x1')).seq).toBe(3);
    });

    it('validates text: 1 to 10,000 code points after trimming, no control characters', async () => {
      const [a, b] = await users(2);
      const c = await openDirect(a!, b!.id);
      const bad = async (text: string, key = `bad${uniq()}`) => {
        const r = await sendRaw(a!, c.id, text, key);
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.extensions!['fields']).toHaveProperty(key.startsWith('bad') ? 'text' : 'clientMessageId');
      };
      await bad('');
      await bad(' \n\t ');
      await bad('x'.repeat(10_001));
      await bad('😀'.repeat(10_001));
      await bad('bell \u0007');
      await bad('nul \u0000');
      await bad('ok', 'has space');
      await bad('ok', 'k'.repeat(101));
      expect((await conv(a!, c.id)).lastSeq).toBe(0);
      expect(await allMessages(a!, c.id)).toEqual([]);
      expect((await send(a!, c.id, '😀'.repeat(10_000))).text).toBe('😀'.repeat(10_000));
      expect((await send(a!, c.id, '  line 1\n\tline 2  ')).text).toBe('line 1\n\tline 2');
      expect((await send(a!, c.id, 'x'.repeat(10_000))).seq).toBe(3);
    });

    it('reads history in both directions with limit 1..200', async () => {
      const [a, b] = await users(2);
      const c = await openDirect(a!, b!.id);
      for (let i = 1; i <= 7; i++) await send(i % 2 ? a! : b!, c.id, `m${i}`);
      const page = async (args: Record<string, unknown>) => {
        const p = await ok<any>(history(a!, c.id, args), 'messages');
        return { seqs: p.messages.map((m: any) => m.seq), before: p.hasMoreBefore, after: p.hasMoreAfter };
      };
      expect(await page({ l: 3 })).toEqual({ seqs: [5, 6, 7], before: true, after: false });
      expect(await page({ b: 5, l: 3 })).toEqual({ seqs: [2, 3, 4], before: true, after: true });
      expect(await page({ b: 3, l: 3 })).toEqual({ seqs: [1, 2], before: false, after: true });
      expect(await page({ a: 0, l: 3 })).toEqual({ seqs: [1, 2, 3], before: false, after: true });
      expect(await page({ a: 4, l: 3 })).toEqual({ seqs: [5, 6, 7], before: true, after: false });
      expect(await page({ a: 7, l: 3 })).toEqual({ seqs: [], before: true, after: false });
      expect(await page({ l: 1 })).toEqual({ seqs: [7], before: true, after: false });
      expect((await page({ l: 200 })).seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
      for (const l of [0, -1, 201, 1000])
        expect(codeOf(await history(a!, c.id, { l })), `limit ${l}`).toBe('BAD_USER_INPUT');
      expect(codeOf(await history(a!, c.id, { b: 0 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await history(a!, c.id, { a: -1 }))).toBe('BAD_USER_INPUT');
    });

    it('markRead is monotonic and refuses a seq above lastSeq', async () => {
      const [a, b] = await users(2);
      const c = await openDirect(a!, b!.id);
      for (let i = 0; i < 4; i++) await send(b!, c.id, `m${i}`);
      const mark = (seq: number) =>
        call(
          a,
          `mutation($c: ID!, $s: Int!) { markRead(conversationId: $c, seq: $s) { lastReadSeq lastDeliveredSeq } }`,
          { c: c.id, s: seq },
        );
      expect((await ok<any>(mark(3), 'markRead')).lastReadSeq).toBe(3);
      expect((await conv(a!, c.id, 'unreadCount myMembership { lastReadSeq }')).unreadCount).toBe(1);
      expect((await ok<any>(mark(1), 'markRead')).lastReadSeq).toBe(3);
      expect(codeOf(await mark(5))).toBe('BAD_USER_INPUT');
      expect(codeOf(await mark(-1))).toBe('BAD_USER_INPUT');
      expect((await conv(a!, c.id, 'unreadCount myMembership { lastReadSeq }')).myMembership.lastReadSeq).toBe(3);
      expect((await ok<any>(mark(4), 'markRead')).lastReadSeq).toBe(4);
      expect((await conv(a!, c.id, 'unreadCount')).unreadCount).toBe(0);
      // My own messages are never unread.
      await send(a!, c.id, 'mine');
      expect((await conv(a!, c.id, 'unreadCount')).unreadCount).toBe(0);
      const stranger = (await users(1))[0]!;
      expect(
        codeOf(
          await call(stranger, `mutation($c: ID!) { markRead(conversationId: $c, seq: 1) { lastReadSeq } }`, {
            c: c.id,
          }),
        ),
      ).toBe('NOT_FOUND');
    });
  });
}
