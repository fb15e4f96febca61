import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql, record, until, wsClient } from '../support/client';
import { signUp, signUpAs, type TestUser } from '../support/users';

const ANALYTICS = `query($d: Int!) { serverAnalytics(days: $d) { connectionsNow days { day activeUsers messages signUps
  peakConnections operations errors serverErrors errorRate deliveries deliveryP50Ms deliveryP95Ms } } }`;

describe('usage analytics', () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    app = await startTestApp('pglite', { ADMIN_USERNAMES: 'stats_admin' });
    admin = await signUpAs(app.url, 'stats_admin');
  }, 180_000);
  afterAll(() => app?.stop());

  it('counts today’s sign-ups, active users, messages, deliveries, errors and open connections', async () => {
    const before = (await gql(app.url, ANALYTICS, { d: 1 }, admin.token)).data!.serverAnalytics.days[0];
    const [ann, bob] = [await signUp(app.url, 'stats'), await signUp(app.url, 'stats')];
    const group = (
      await gql(
        app.url,
        `mutation($m: [ID!]!) { createGroup(input: { title: "stats", memberIds: $m }) { id } }`,
        { m: [bob.id] },
        ann.token,
      )
    ).data!.createGroup.id as string;
    const client = wsClient(app.url, bob.token);
    const events = record(
      client,
      `subscription($c: ID!) { conversationEvents(conversationId: $c, afterSeq: 0) { seq } }`,
      { c: group },
      'conversationEvents',
    );
    await until(
      async () => (await gql(app.url, ANALYTICS, { d: 1 }, admin.token)).data!.serverAnalytics.connectionsNow === 1,
    );
    for (const text of ['one', 'two', 'three']) {
      const sent = await gql(
        app.url,
        `mutation($c: ID!, $t: String!, $k: ID!) { sendMessage(input: { conversationId: $c, clientMessageId: $k, text: $t }) { id } }`,
        { c: group, t: text, k: text },
        ann.token,
      );
      expect(sent.data!.sendMessage.id).toBeTruthy();
    }
    await events.waitFor(4);
    const bad = await gql(
      app.url,
      `mutation { sendMessage(input: { conversationId: "nope", clientMessageId: "x", text: "x" }) { id } }`,
      {},
      ann.token,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');

    const report = (await gql(app.url, ANALYTICS, { d: 30 }, admin.token)).data!.serverAnalytics;
    expect(report.days).toHaveLength(30);
    const today = report.days.at(-1);
    expect(today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(today.signUps - before.signUps).toBe(2);
    expect(today.messages - before.messages).toBe(3); // sent messages, not the group's system message
    expect(today.activeUsers - before.activeUsers).toBe(2);
    expect(today.errors - before.errors).toBe(1);
    expect(today.operations).toBeGreaterThan(before.operations + 5);
    expect(today.deliveries - before.deliveries).toBeGreaterThanOrEqual(3);
    expect(today.deliveryP95Ms).toBeGreaterThan(0);
    expect(report.connectionsNow).toBe(1);
    expect(today.peakConnections).toBeGreaterThanOrEqual(1);
    events.stop();
    await client.dispose();
  });

  it('answers administrators only, for 1 to 366 days', async () => {
    const user = await signUp(app.url, 'stats');
    expect(codeOf(await gql(app.url, ANALYTICS, { d: 30 }, user.token))).toBe('FORBIDDEN');
    expect(codeOf(await gql(app.url, ANALYTICS, { d: 0 }, admin.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, ANALYTICS, { d: 367 }, admin.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, ANALYTICS, { d: 30 }))).toBe('UNAUTHENTICATED');
  });
});
