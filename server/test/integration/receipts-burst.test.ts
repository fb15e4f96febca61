import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEvent, ReceiptMark } from '@parley/core';
import { needs } from '../support/needs';
import { openTestDomain, type DomainStorage, type StorageTestDomain } from '../support/sql-domain';

const MEMBERS = 1000;

/** Polls `check` every 20 ms until it holds, failing after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Receipts = ConversationEvent & { type: 'ReceiptsUpdated'; readers: ReceiptMark[] };

describe.each(['memory', 'pglite', 'postgres'] as DomainStorage[])(
  'receipts under a burst of reads (%s)',
  (storage) => {
    describe.skipIf(storage === 'postgres' && needs('postgres'))('', () => {
      let d: StorageTestDomain;
      let members: string[];
      beforeAll(async () => {
        d = await openTestDomain(storage);
        members = await d.registerUsers(MEMBERS);
      }, 120_000);
      afterAll(() => d?.dispose());

      it(`coalesces ${MEMBERS} markRead calls in a ${MEMBERS}-member group into a few ReceiptsUpdated, a second apart, announcing every marker`, async () => {
        const [owner, ...rest] = members;
        const g = await d.conversations.createGroup(owner!, { title: 'Everyone', memberIds: rest });
        const m = await d.messages.send(owner!, {
          conversationId: g.id,
          clientMessageId: randomUUID(),
          text: 'read me',
        });
        const receipts = async () =>
          (await d.storedEvents(g.id)).filter((e): e is Receipts => e.type === 'ReceiptsUpdated');
        // Everyone's final markers, as the announcements so far tell them.
        const announced = async () => {
          const last = new Map<string, ReceiptMark>();
          for (const e of await receipts()) for (const r of e.readers) last.set(r.userId, r);
          return last;
        };

        const started = Date.now();
        // Half read the message at once; the other half first say it arrived, then read it.
        await Promise.all(
          members.map(async (u, i) => {
            if (i % 2) await d.receipts.markDelivered(u, g.id, m.seq);
            await d.receipts.markRead(u, g.id, m.seq);
          }),
        );
        const burstMs = Date.now() - started;
        await eventually(async () => {
          const marks = await announced();
          return members.every((u) => marks.get(u)?.lastReadSeq === m.seq);
        }, 20_000);
        const settledMs = Date.now() - started;

        const events = await receipts();
        // A handful of events for 1,500 calls: at most one per second of the burst and its settling.
        expect(events.length).toBeGreaterThanOrEqual(1);
        expect(events.length).toBeLessThanOrEqual(Math.floor(settledMs / 1000) + 1);
        for (let i = 1; i < events.length; i++) {
          expect(Date.parse(events[i]!.createdAt) - Date.parse(events[i - 1]!.createdAt)).toBeGreaterThanOrEqual(1000);
        }
        // Each carries only markers that moved since the one before, each member once.
        for (const e of events) {
          expect(e.readers.length).toBeGreaterThan(0);
          expect(new Set(e.readers.map((r) => r.userId)).size).toBe(e.readers.length);
        }
        const final = await announced();
        expect(final.size).toBe(MEMBERS);
        for (const u of members) expect(final.get(u)).toMatchObject({ lastReadSeq: m.seq, lastDeliveredSeq: m.seq });
        // The events are the conversation's next seqs; nothing else was written.
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => m.seq + 1 + i));
        console.info(
          `receipts (${storage}): ${MEMBERS * 1.5} calls in ${burstMs} ms, all announced after ${settledMs} ms in ${events.length} ReceiptsUpdated`,
        );
      }, 60_000);
    });
  },
);
