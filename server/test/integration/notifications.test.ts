import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../support/client';
import { failure, ok, useChatApp, type ChatHarness } from '../support/chat';
import { TEST_DATABASE_URL } from '../support/databases';
import { startPushEndpoint, type PushEndpoint, type TestSubscription } from '../support/push-endpoint';
import { startTestSmtp, type TestSmtp } from '../support/smtp-server';
import type { TestUser } from '../support/users';

const REGISTER = `mutation($i: PushSubscriptionInput!) { registerPushSubscription(input: $i) }`;
const SETTINGS = `mutation($i: NotificationSettingsInput!) { updateNotificationSettings(input: $i) { showPreviews emailFallback emailAddress quietHours { start end timeZone } locale } }`;
const LEVEL = `mutation($c: ID!, $l: NotificationLevel!, $u: DateTime) { setNotificationLevel(conversationId: $c, level: $l, mutedUntil: $u) { notificationLevel mutedUntil } }`;
const FOCUS = `mutation($id: String!, $v: Boolean!, $c: ID) { reportFocus(clientId: $id, visible: $v, conversationId: $c) }`;

describe.each(['pglite', 'postgres'] as const)('notifications (%s)', (mode) => {
  describe.skipIf(mode === 'postgres' && !TEST_DATABASE_URL)('', () => {
    let push: PushEndpoint;
    let smtp: TestSmtp;
    const t: ChatHarness = useChatApp(mode, async () => {
      push = await startPushEndpoint();
      smtp = await startTestSmtp();
      return {
        env: {
          NOTIFY_AGGREGATE_SECONDS: '1',
          NOTIFY_EMAIL_AFTER_SECONDS: '1',
          SMTP_URL: smtp.url,
          PUBLIC_URL: 'https://chat.example.com',
        },
        options: { pushAgent: push.agent },
      };
    });
    afterAll(async () => {
      await push?.stop();
      await smtp?.stop();
    });

    /** A device of `u` subscribed to pushes. */
    async function device(u: TestUser): Promise<TestSubscription> {
      const sub = push.subscribe();
      expect(await ok(t.call(u, REGISTER, { i: { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth } }))).toBe(
        true,
      );
      return sub;
    }
    /** Waits until every sent message has been fanned out (its rules applied), so settings changed next do not race it. */
    const fannedOut = () =>
      until(
        async () =>
          (
            await t.sql(
              `SELECT 1 FROM pgboss.job WHERE name = 'notify-message' AND state IN ('created', 'retry', 'active') LIMIT 1`,
            )
          ).length === 0,
        15_000,
      );
    const pushes = async (sub: TestSubscription, n: number) => {
      await until(() => sub.received.length >= n, 15_000);
      return sub.received;
    };

    it('pushes a message to an away member’s devices, encrypted for each, with a link and actions', async () => {
      const [ana, ben] = await t.users(2);
      const phone = await device(ana!);
      const laptop = await device(ana!);
      const dm = await t.direct(ana!, ben!);
      const m = await t.send(ben!, dm, 'lunch at noon?');
      for (const sub of [phone, laptop]) {
        const [p] = await pushes(sub, 1);
        expect(p).toMatchObject({
          title: ben!.username,
          body: 'lunch at noon?',
          tag: `conversation:${dm}`,
          url: `/c/${dm}?message=${m.id}`,
          count: 1,
          actions: [{ action: 'reply' }, { action: 'read' }],
        });
        expect(sub.headers[0]!['authorization']).toMatch(/^vapid t=/);
        expect(sub.headers[0]!['topic']).toBe(dm.replace(/-/g, ''));
      }
      // Each device's answer is recorded just after the push arrives there.
      await until(
        async () =>
          (await t.sql(`SELECT 1 FROM notification_attempts WHERE user_id = $1 AND status = 'sent'`, [ana!.id]))
            .length === 2,
      );
    });

    it('queues no notification work for a message nobody could be told of (no device, no e-mail)', async () => {
      const [ana, ben] = await t.users(2);
      await device(ben!); // the sender's own device is no reason
      const dm = await t.direct(ana!, ben!);
      const m = await t.send(ben!, dm, 'nobody gets a push');
      const jobs = () =>
        t.sql(`SELECT 1 FROM pgboss.job WHERE name = 'notify-message' AND data->>'messageId' = $1`, [m.id]);
      const phone = await device(ana!);
      const n = await t.send(ben!, dm, 'now ana does');
      await pushes(phone, 1);
      expect(await jobs()).toEqual([]);
      expect(
        await t.sql(`SELECT 1 FROM pgboss.job WHERE name = 'notify-message' AND data->>'messageId' = $1`, [n.id]),
      ).toHaveLength(1);
    });

    it('sends nothing to a member with a client in the foreground, and one notification for a burst', async () => {
      const [ana, ben] = await t.users(2);
      const sub = await device(ana!);
      const dm = await t.direct(ana!, ben!);
      expect(await ok(t.call(ana!, FOCUS, { id: 'tab-0000001', v: true, c: dm }))).toBe(true);
      await t.send(ben!, dm, 'seen in the app');
      await fannedOut();
      expect(await ok(t.call(ana!, FOCUS, { id: 'tab-0000001', v: false, c: null }))).toBe(true);
      await t.send(ben!, dm, 'one');
      await t.send(ben!, dm, 'two');
      const all = await pushes(sub, 1);
      // The three unread messages are told in one notification that replaces earlier ones (same tag).
      await until(() => all[all.length - 1].count === 3, 10_000);
      expect(all.length).toBeLessThanOrEqual(2);
      expect(all[all.length - 1]).toMatchObject({ body: `3 new messages from ${ben!.username}\ntwo`, count: 3 });
    });

    it('follows levels, mutes, quiet hours, previews and blocks', async () => {
      const [ana, ben, cy] = await t.users(3);
      const g = await t.group(ben!, [ana!, cy!], 'Climbing');
      const sub = await device(ana!);
      expect(await ok(t.call(ana!, LEVEL, { c: g, l: 'MENTIONS' }))).toEqual({
        notificationLevel: 'MENTIONS',
        mutedUntil: null,
      });
      await t.send(ben!, g, 'not for ana');
      await t.send(ben!, g, `@${ana!.username} rope?`);
      const [mention] = await pushes(sub, 1);
      expect(mention).toMatchObject({ title: 'Climbing', count: 2 });
      expect(mention.body).toContain(`@${ana!.username} rope?`);
      await t.markRead(ana!, g, await t.lastSeq(ana!, g));

      const hour = new Date(Date.now() + 3600_000).toISOString();
      expect((await ok(t.call(ana!, LEVEL, { c: g, l: 'ALL', u: hour }))).mutedUntil).toBe(hour);
      await t.send(cy!, g, 'muted');
      await fannedOut();
      await ok(t.call(ana!, LEVEL, { c: g, l: 'ALL', u: null }));
      await t.markRead(ana!, g, await t.lastSeq(ana!, g));
      const now = new Date();
      const hhmm = (d: Date) => d.toISOString().slice(11, 16);
      await ok(
        t.call(ana!, SETTINGS, {
          i: {
            quietHours: {
              start: hhmm(new Date(now.getTime() - 3600_000)),
              end: hhmm(new Date(now.getTime() + 3600_000)),
              timeZone: 'UTC',
            },
          },
        }),
      );
      await t.send(cy!, g, 'at night');
      await fannedOut();
      await ok(t.call(ana!, SETTINGS, { i: { quietHours: null, showPreviews: false } }));
      await ok(t.call(ana!, `mutation($u: ID!) { blockUser(userId: $u) { id } }`, { u: ben!.id }));
      await t.send(ben!, g, 'blocked');
      await t.send(cy!, g, 'secret plans');
      const all = await pushes(sub, 2);
      // Neither the muted, the quiet-hours nor the blocked message was pushed; the last one without its text.
      expect(all).toHaveLength(2);
      expect(all[1]).toMatchObject({ title: 'Parley', body: '3 new messages' });
      expect(JSON.stringify(all[1])).not.toContain('secret');
    });

    it('tells the people of a thread of a reply in it, and nobody else in the group', async () => {
      const [ana, ben, cy] = await t.users(3);
      const g = await t.group(ana!, [ben!, cy!], 'Hikes');
      const anaDevice = await device(ana!);
      const cyDevice = await device(cy!);
      const root = await t.send(ana!, g, 'Sunday route?');
      // The root is a message of the group: Cy hears of it.
      await pushes(cyDevice, 1);
      const reply = await t.send(ben!, g, 'the ridge one', { threadRootId: root.id });
      const [p] = await pushes(anaDevice, 1);
      expect(p).toMatchObject({
        title: 'Reply in thread · Hikes',
        body: `${ben!.username}: the ridge one`,
        tag: `thread:${root.id}`,
        url: `/c/${g}?thread=${root.id}`,
        messageId: reply.id,
      });
      await fannedOut();
      await until(
        async () =>
          (
            await t.sql(
              `SELECT 1 FROM pgboss.job WHERE name = 'notify-push' AND state IN ('created', 'retry', 'active') LIMIT 1`,
            )
          ).length === 0,
        15_000,
      );
      // Cy is in the group but not in the thread: nothing more than the root.
      expect(cyDevice.received.map((x) => x.tag)).toEqual([`conversation:${g}`]);
    });

    it('drops a subscription the push service says is gone, and retries one that fails for now', async () => {
      const [ana, ben] = await t.users(2);
      const gone = await device(ana!);
      const flaky = await device(ana!);
      gone.answers.push(410);
      flaky.answers.push(503);
      const dm = await t.direct(ana!, ben!);
      await t.send(ben!, dm, 'are you there?');
      await pushes(flaky, 1);
      await until(
        async () => (await t.sql('SELECT 1 FROM push_subscriptions WHERE endpoint = $1', [gone.endpoint])).length === 0,
      );
      expect(gone.received).toEqual([]);
      // The push service has the push; the node records its answer a moment later.
      const statuses = async () =>
        (
          await t.sql<{ status: string; status_code: number }>(
            'SELECT status, status_code FROM notification_attempts WHERE user_id = $1 ORDER BY id',
            [ana!.id],
          )
        )
          .map((s) => `${s.status}:${s.status_code}`)
          .sort();
      await until(async () => (await statuses()).length === 3);
      expect(await statuses()).toEqual(['gone:410', 'retry:503', 'sent:201']);
    });

    it('e-mails a digest when no push reaches the user, at most once a window, with an unsubscribe link', async () => {
      const [ana, ben] = await t.users(2);
      await ok(t.call(ana!, SETTINGS, { i: { emailFallback: true, emailAddress: 'ana@example.com', locale: 'de' } }));
      const dm = await t.direct(ana!, ben!);
      await t.send(ben!, dm, 'private words');
      await until(() => smtp.received.some((m) => m.to && JSON.stringify(m.to).includes('ana@example.com')), 20_000);
      const mail = smtp.received.find((m) => JSON.stringify(m.to).includes('ana@example.com'))!;
      expect(mail.subject).toBe('Du hast ungelesene Nachrichten in 1 Unterhaltung');
      expect(mail.text).toContain(`${ben!.username}: 1 ungelesene Nachricht`);
      expect(mail.text).not.toContain('private words');
      const link = /https:\/\/chat\.example\.com(\/notifications\/unsubscribe\?\S+)/.exec(mail.text ?? '')![1]!;
      expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain(link);
      expect((await fetch(t.app().url + link.replace('sig=', 'sig=x'))).status).toBe(400);
      expect((await fetch(t.app().url + link)).status).toBe(200);
      const settings = await ok(t.call(ana!, `{ notificationSettings { emailFallback emailAddress } }`));
      expect(settings).toEqual({ emailFallback: false, emailAddress: 'ana@example.com' });
    });

    it('refuses bad devices, settings, levels and focus reports with typed errors', async () => {
      const [ana, ben, cy] = await t.users(3);
      const dm = await t.direct(ana!, ben!);
      const sub = push.subscribe();
      const bad = (i: Record<string, string>) =>
        failure(t.call(ana!, REGISTER, { i: { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth, ...i } }));
      expect((await bad({ endpoint: 'http://push.example.com/x' })).fields).toHaveProperty('endpoint');
      expect((await bad({ p256dh: 'short' })).fields).toHaveProperty('p256dh');
      expect((await bad({ auth: '!!' })).fields).toHaveProperty('auth');
      const setting = (i: object) => failure(t.call(ana!, SETTINGS, { i }));
      expect((await setting({ emailAddress: 'not-an-address' })).fields).toHaveProperty('emailAddress');
      expect((await setting({ emailFallback: true })).fields).toHaveProperty('emailAddress');
      expect((await setting({ quietHours: { start: '25:00', end: '07:00', timeZone: 'UTC' } })).fields).toHaveProperty([
        'quietHours.start',
      ]);
      expect(
        (await setting({ quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' } })).fields,
      ).toHaveProperty(['quietHours.timeZone']);
      expect((await setting({ locale: 'xx' })).fields).toHaveProperty('locale');
      expect((await failure(t.call(cy!, LEVEL, { c: dm, l: 'NONE' }))).code).toBe('NOT_FOUND');
      expect((await failure(t.call(cy!, FOCUS, { id: 'tab-0000001', v: true, c: dm }))).code).toBe('NOT_FOUND');
      expect((await failure(t.call(ana!, FOCUS, { id: 'x', v: true, c: dm }))).fields).toHaveProperty('clientId');
      expect(
        (
          await failure(
            t.call(undefined, REGISTER, { i: { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth } }),
          )
        ).code,
      ).toBe('UNAUTHENTICATED');
      expect(
        await ok(
          t.call(ben!, `mutation($e: String!) { unregisterPushSubscription(endpoint: $e) }`, { e: sub.endpoint }),
        ),
      ).toBe(false);
    });
  });
});
