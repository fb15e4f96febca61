import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRecord, ReportStore } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface ReportStoreFixture {
  store: ReportStore;
  createUser(id: string): Promise<void>;
  dispose(): Promise<void>;
}

/** The behaviour every {@link ReportStore} adapter must have. */
export function defineReportStoreContract(name: string, factory: () => Promise<ReportStoreFixture>): void {
  describe(`ReportStore contract: ${name}`, () => {
    let f: ReportStoreFixture;
    beforeAll(async () => {
      f = await factory();
    });
    afterAll(() => f?.dispose());

    const user = async () => {
      const id = randomUUID();
      await f.createUser(id);
      return id;
    };
    const report = (reporterId: string, targetUserId: string, messageId: string | null): ReportRecord => ({
      id: randomUUID(),
      reporterId,
      targetUserId,
      reason: 'SPAM',
      note: 'again and again',
      message: messageId
        ? {
            messageId,
            conversationId: randomUUID(),
            senderId: targetUserId,
            text: 'buy now',
            attachments: [{ kind: 'FILE', filename: 'offer.pdf' }],
            sentAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
          }
        : null,
      createdAt: new Date(Date.UTC(2026, 0, 2)).toISOString(),
      status: 'OPEN',
      resolution: null,
    });

    it('keeps a report with its snapshot, once per reporter and message while it is open', async () => {
      const [a, b, c] = [await user(), await user(), await user()];
      const m = randomUUID();
      const first = report(a, b, m);
      expect(await f.store.create(first)).toBe(true);
      expect(await f.store.create(report(a, b, m))).toBe(false);
      expect(await f.store.create(report(c, b, m))).toBe(true);
      expect(await f.store.create(report(a, b, null))).toBe(true);
      expect(await f.store.create(report(a, b, null))).toBe(false);
      expect(await f.store.get(first.id)).toEqual(first);
      expect(await f.store.get(randomUUID())).toBeNull();
    });

    it('lists a status newest first, a page at a time, and resolves a report once', async () => {
      const [a, b] = [await user(), await user()];
      const made = [report(a, b, randomUUID()), report(a, b, randomUUID()), report(a, b, randomUUID())];
      for (const r of made) await f.store.create(r);
      const open = (await f.store.list('OPEN', 1000, null)).map((r) => r.id);
      const mine = open.filter((id) => made.some((r) => r.id === id));
      expect(mine).toEqual(made.map((r) => r.id).reverse());
      const [newest] = await f.store.list('OPEN', 1, null);
      expect((await f.store.list('OPEN', 1000, newest!.id)).map((r) => r.id)).not.toContain(newest!.id);
      const resolution = { outcome: 'DISMISSED' as const, by: a, reason: 'not spam', at: new Date().toISOString() };
      expect(await f.store.resolve(made[0]!.id, resolution)).toBe(true);
      expect(await f.store.resolve(made[0]!.id, resolution)).toBe(false);
      expect(await f.store.get(made[0]!.id)).toMatchObject({ status: 'RESOLVED', resolution });
      expect((await f.store.list('RESOLVED', 1000, null)).map((r) => r.id)).toContain(made[0]!.id);
      // Resolved, the same reporter may report the same message again.
      expect(await f.store.create({ ...made[0]!, id: randomUUID() })).toBe(true);
    });
  });
}
