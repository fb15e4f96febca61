import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql, record, until, wsClient } from '../support/client';
import { signUp, signUpAs, type TestUser } from '../support/users';

const SET = `mutation($c: ID!, $d: Int) { setRetention(conversationId: $c, days: $d) { id retentionDays effectiveRetentionDays } }`;
const SEND = `mutation($c: ID!, $t: String!, $k: ID!) { sendMessage(input: { conversationId: $c, clientMessageId: $k, text: $t }) { id } }`;
const HISTORY = `query($c: ID!) { messages(conversationId: $c, limit: 100) { messages { id kind text } } }`;
const RUN = `mutation { runRetention }`;

describe('message retention', () => {
  let app: TestApp;
  let admin: TestUser;
  let ann: TestUser;
  let bob: TestUser;
  let group: string;
  beforeAll(async () => {
    app = await startTestApp('pglite', { ADMIN_USERNAMES: 'ret_admin', RETENTION_DAYS: '30' });
    admin = await signUpAs(app.url, 'ret_admin');
    [ann, bob] = [await signUp(app.url, 'ret'), await signUp(app.url, 'ret')];
    group = (
      await gql(
        app.url,
        `mutation($m: [ID!]!) { createGroup(input: { title: "kept a week", memberIds: $m }) { id } }`,
        { m: [bob.id] },
        ann.token,
      )
    ).data!.createGroup.id;
    // The run every node queues when it starts must be over before the tests age messages: a late one
    // (a slow start, a retry) would take part of the work of the run the tests start.
    await until(
      async () =>
        (await app.sql(`SELECT 1 FROM pgboss.job WHERE name = 'retention' AND state IN ('created', 'retry', 'active')`))
          .length === 0,
      30_000,
    );
  }, 180_000);
  afterAll(() => app?.stop());

  const send = async (c: string, who: TestUser, text: string) =>
    (await gql(app.url, SEND, { c, t: text, k: randomUUID() }, who.token)).data!.sendMessage.id as string;
  const age = (ids: string[], days: number) =>
    app.sql(`UPDATE messages SET created_at = now() - make_interval(days => $2) WHERE id = ANY($1::uuid[])`, [
      ids,
      days,
    ]);
  const texts = async (c: string, who: TestUser) =>
    ((await gql(app.url, HISTORY, { c }, who.token)).data!.messages.messages as { kind: string; text: string }[])
      .filter((m) => m.kind !== 'SYSTEM')
      .map((m) => m.text);

  it('lets the owner set the group’s retention, the server’s limit still applying, and tells the members', async () => {
    const client = wsClient(app.url, bob.token);
    const events = record(
      client,
      `subscription($c: ID!) { conversationEvents(conversationId: $c, afterSeq: 0) {
        __typename ... on ConversationUpdated { conversation { retentionDays effectiveRetentionDays } }
        ... on MessageAdded { message { kind text } } } }`,
      { c: group },
      'conversationEvents',
    );
    expect((await gql(app.url, SET, { c: group, d: 60 }, ann.token)).data!.setRetention).toMatchObject({
      retentionDays: 60,
      effectiveRetentionDays: 30,
    });
    expect((await gql(app.url, SET, { c: group, d: 7 }, ann.token)).data!.setRetention).toMatchObject({
      retentionDays: 7,
      effectiveRetentionDays: 7,
    });
    await until(() =>
      events.events.some((e) => e.message?.text === `${ann.username} set messages to be deleted after 7 days`),
    );
    expect(events.events).toContainEqual({
      __typename: 'ConversationUpdated',
      conversation: { retentionDays: 7, effectiveRetentionDays: 7 },
    });
    events.stop();
    await client.dispose();
  });

  it('refuses anyone but the owner, direct conversations and days out of range', async () => {
    expect(codeOf(await gql(app.url, SET, { c: group, d: 1 }, bob.token))).toBe('FORBIDDEN');
    expect(codeOf(await gql(app.url, SET, { c: group, d: 1 }, admin.token))).toBe('NOT_FOUND');
    for (const d of [0, 3651]) {
      const r = await gql(app.url, SET, { c: group, d }, ann.token);
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { days: expect.any(String) } });
    }
    const dm = (
      await gql(app.url, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: bob.id }, ann.token)
    ).data!.openDirectConversation.id;
    expect(codeOf(await gql(app.url, SET, { c: dm, d: 1 }, ann.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, SET, { c: 'nope', d: 1 }, ann.token))).toBe('NOT_FOUND');
    expect(codeOf(await gql(app.url, RUN, {}, ann.token))).toBe('FORBIDDEN');
  });

  it('deletes exactly the messages older than each conversation’s retention, audited', async () => {
    const [old1, old2] = [await send(group, ann, 'eight days old'), await send(group, bob, 'also eight days')];
    await gql(app.url, `mutation($m: ID!) { addReaction(messageId: $m, emoji: "👍") { id } }`, { m: old1 }, bob.token);
    const [almost] = [await send(group, ann, 'six days old')];
    await send(group, bob, 'new');
    await Promise.all([age([old1, old2], 8), age([almost!], 6)]);
    // The direct conversation has no setting of its own: the server's 30 days apply.
    const dm = (
      await gql(app.url, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: bob.id }, ann.token)
    ).data!.openDirectConversation.id;
    const [ancient, recentish] = [await send(dm, ann, 'thirty-one days'), await send(dm, bob, 'twenty-nine days')];
    await Promise.all([age([ancient], 31), age([recentish], 29)]);

    expect((await gql(app.url, RUN, {}, admin.token)).data!.runRetention).toBe(true);
    await until(async () => (await texts(dm, bob)).length === 1, 20_000);
    expect(await texts(dm, bob)).toEqual(['twenty-nine days']);
    expect(await texts(group, bob)).toEqual(['six days old', 'new']);
    // Nothing of them is left in replayed events either.
    const replay = wsClient(app.url, bob.token);
    const events = record(
      replay,
      `subscription($c: ID!) { conversationEvents(conversationId: $c, afterSeq: 0) { seq ... on MessageAdded { message { id text deletedAt reactions { emoji } } } } }`,
      { c: group },
      'conversationEvents',
    );
    await until(() => events.events.some((e) => e.message?.text === 'new'));
    const carried = events.events.filter((e) => e.message?.id === old1 || e.message?.id === old2);
    expect(carried).toHaveLength(2);
    for (const e of carried)
      expect(e.message).toMatchObject({ text: null, deletedAt: expect.any(String), reactions: [] });
    events.stop();
    await replay.dispose();

    const audit = await gql(app.url, `{ auditLog(action: RETENTION_RUN) { details } }`, {}, admin.token);
    expect(audit.data!.auditLog[0].details).toMatchObject({ conversations: 2, messages: 3 });
    const changed = await gql(
      app.url,
      `{ auditLog(action: RETENTION_CHANGED) { actorId targetId details } }`,
      {},
      admin.token,
    );
    expect(changed.data!.auditLog[0]).toEqual({ actorId: ann.id, targetId: group, details: { days: 7 } });
  });
});
