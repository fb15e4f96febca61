import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationStore } from '@parley/core';

/** What each adapter's test hands the contract. */
export interface NotificationStoreFixture {
  store: NotificationStore;
  createUser(id: string): Promise<void>;
  /** A conversation with these members, for levels (a foreign key to members where there is one). */
  createConversation(memberIds: string[]): Promise<string>;
  dispose(): Promise<void>;
}

/** The behaviour every {@link NotificationStore} adapter must have. */
export function defineNotificationStoreContract(name: string, factory: () => Promise<NotificationStoreFixture>): void {
  describe(`NotificationStore contract: ${name}`, () => {
    let f: NotificationStoreFixture;
    beforeAll(async () => {
      f = await factory();
    });
    afterAll(() => f?.dispose());
    const user = async () => {
      const id = randomUUID();
      await f.createUser(id);
      return id;
    };
    const at = (h: number) => new Date(Date.UTC(2026, 0, 1, h)).toISOString();

    it('keeps settings per user; users who never saved any are left out', async () => {
      const [a, b] = [await user(), await user()];
      const settings = {
        showPreviews: false,
        emailFallback: true,
        emailAddress: 'a@example.com',
        quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
        locale: 'de' as const,
      };
      await f.store.saveSettings(a, settings);
      expect(await f.store.settings([a, b])).toEqual(new Map([[a, settings]]));
      await f.store.saveSettings(a, { ...settings, quietHours: null, locale: 'en' });
      expect((await f.store.settings([a])).get(a)).toMatchObject({ quietHours: null, locale: 'en' });
    });

    it('keeps one subscription per endpoint, moved to whoever registers it last', async () => {
      const [a, b] = [await user(), await user()];
      const endpoint = `https://push.example.com/${randomUUID()}`;
      const sub = { endpoint, userId: a, p256dh: 'p', auth: 'x', createdAt: at(1), lastSuccessAt: null };
      await f.store.savePush(sub);
      await f.store.savePush({ ...sub, p256dh: 'p2' });
      expect((await f.store.pushSubscriptions([a])).get(a)).toEqual([{ ...sub, p256dh: 'p2' }]);
      await f.store.savePush({ ...sub, userId: b });
      expect((await f.store.pushSubscriptions([a, b])).get(a)).toBeUndefined();
      await f.store.markPushSuccess(endpoint, at(2));
      expect((await f.store.pushSubscriptions([b])).get(b)?.[0]?.lastSuccessAt).toBe(at(2));
      expect(await f.store.removePush(endpoint, a)).toBe(false);
      expect(await f.store.removePush(endpoint, b)).toBe(true);
      expect(await f.store.pushSubscriptions([b])).toEqual(new Map());
    });

    it('tells whether a member other than the sender has a device or e-mail fallback', async () => {
      const [sender, b, c, outsider] = [await user(), await user(), await user(), await user()];
      const conv = await f.createConversation([sender, b, c]);
      const push = (userId: string) =>
        f.store.savePush({
          endpoint: `https://push.example.com/${randomUUID()}`,
          userId,
          p256dh: 'p',
          auth: 'x',
          createdAt: at(1),
          lastSuccessAt: null,
        });
      expect(await f.store.hasReachableMember(conv, sender)).toBe(false);
      await push(sender);
      await push(outsider);
      const mail = {
        showPreviews: true,
        emailFallback: true,
        emailAddress: null,
        quietHours: null,
        locale: 'en' as const,
      };
      await f.store.saveSettings(b, mail);
      expect(await f.store.hasReachableMember(conv, sender)).toBe(false);
      expect(await f.store.hasReachableMember(conv, b)).toBe(true);
      await f.store.saveSettings(b, { ...mail, emailAddress: 'b@example.com' });
      expect(await f.store.hasReachableMember(conv, sender)).toBe(true);
      await f.store.saveSettings(b, { ...mail, emailFallback: false, emailAddress: 'b@example.com' });
      await push(c);
      expect(await f.store.hasReachableMember(conv, sender)).toBe(true);
      expect(await f.store.hasReachableMember(conv, c)).toBe(true);
    });

    it('keeps a member’s level in a conversation, and refuses someone who is not a member', async () => {
      const [a, b] = [await user(), await user()];
      const c = await f.createConversation([a]);
      const level = { conversationId: c, userId: a, level: 'MENTIONS' as const, mutedUntil: at(5) };
      expect(await f.store.setLevel(level)).toBe(true);
      expect(await f.store.setLevel({ ...level, userId: b })).toBe(false);
      expect(await f.store.levels(c, [a, b])).toEqual([level]);
    });

    it('records attempts newest first, and e-mails at most once a window', async () => {
      const a = await user();
      const attempt = {
        userId: a,
        conversationId: null,
        channel: 'email' as const,
        target: 'example.com',
        statusCode: null,
        attempt: 1,
      };
      await f.store.recordAttempt({ ...attempt, status: 'retry', at: at(1) });
      await f.store.recordAttempt({ ...attempt, status: 'sent', at: at(2) });
      expect((await f.store.attempts(a, 10)).map((x) => x.status)).toEqual(['sent', 'retry']);
      await f.store.saveSettings(a, {
        showPreviews: true,
        emailFallback: true,
        emailAddress: 'a@example.com',
        quietHours: null,
        locale: 'en',
      });
      expect(await f.store.lastEmailAt(a)).toBeNull();
      expect(await f.store.claimEmail(a, at(3), at(0))).toBe(true);
      expect(await f.store.claimEmail(a, at(4), at(2))).toBe(false);
      expect(await f.store.lastEmailAt(a)).toBe(at(3));
    });
  });
}
