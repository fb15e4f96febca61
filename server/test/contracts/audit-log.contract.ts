import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface AuditLogFixture {
  log: AuditLog;
  /** Runs SQL on the adapter's database; absent for adapters without one. */
  sql?: (text: string) => Promise<unknown>;
  dispose(): Promise<void>;
}

/** The behaviour every {@link AuditLog} adapter must have. */
export function defineAuditLogContract(name: string, factory: () => Promise<AuditLogFixture>, sql = false): void {
  describe(`AuditLog contract: ${name}`, () => {
    let f: AuditLogFixture;
    beforeAll(async () => {
      f = await factory();
    });
    afterAll(() => f?.dispose());

    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();
    const entry = (o: Partial<Omit<AuditEntry, 'id'>>): Omit<AuditEntry, 'id'> => ({
      at: at(0),
      action: 'token.created',
      actorId: null,
      targetId: null,
      ip: null,
      details: {},
      ...o,
    });

    it('lists entries newest first, by action, actor, target and time, a page at a time', async () => {
      const actor = randomUUID();
      const target = randomUUID();
      await f.log.append(entry({ actorId: actor, at: at(1), details: { name: 'ci', days: 30, ok: true, none: null } }));
      await f.log.append(entry({ actorId: actor, at: at(2), action: 'token.revoked', targetId: target }));
      await f.log.append(
        entry({ actorId: actor, at: at(3), action: 'user.blocked', targetId: target, ip: '10.0.0.1' }),
      );
      const mine = await f.log.list({ actorId: actor }, 10, null);
      expect(mine.map((e) => e.action)).toEqual(['user.blocked', 'token.revoked', 'token.created']);
      expect(mine[2]).toMatchObject({ at: at(1), details: { name: 'ci', days: 30, ok: true, none: null } });
      expect(mine[0]).toMatchObject({ ip: '10.0.0.1', targetId: target });
      expect((await f.log.list({ actorId: actor, action: 'token.revoked' }, 10, null)).map((e) => e.at)).toEqual([
        at(2),
      ]);
      expect((await f.log.list({ targetId: target, since: at(3) }, 10, null)).map((e) => e.action)).toEqual([
        'user.blocked',
      ]);
      expect((await f.log.list({ actorId: actor, until: at(2) }, 10, null)).map((e) => e.action)).toEqual([
        'token.created',
      ]);
      const [first] = await f.log.list({ actorId: actor }, 1, null);
      const rest = await f.log.list({ actorId: actor }, 10, first!.id);
      expect(rest.map((e) => e.action)).toEqual(['token.revoked', 'token.created']);
    });

    // Only where a database stands behind the log: the port itself has no way to change an entry.
    if (sql)
      it('refuses to change or remove an entry, even through SQL', async () => {
        if (!f.sql) throw new Error('this fixture has no SQL');
        await f.log.append(entry({ action: 'auth.login_failed', details: { username: 'mallory' } }));
        await expect(f.sql(`UPDATE audit_log SET action = 'nothing'`)).rejects.toThrow(/append-only/);
        await expect(f.sql(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
        await expect(f.sql(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
        expect((await f.log.list({ action: 'auth.login_failed' }, 10, null)).length).toBeGreaterThan(0);
      });
  });
}
