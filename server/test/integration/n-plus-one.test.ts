import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { gql, until } from '../support/client';
import { signUp, type TestUser } from '../support/users';

const PAGE = `query($n: Int!) { conversations(first: $n) { conversations {
  id unreadCount lastMessage { text sender { displayName } } myMembership { role }
} } }`;

describe('conversations page SQL statement count (PGlite)', () => {
  let app: TestApp;
  let recording: string[] | null = null;
  let me: TestUser;

  beforeAll(async () => {
    app = await startTestApp(
      'pglite',
      { RATE_SIGNUP_PER_IP_PER_HOUR: '1000000', RATE_SEND_PER_SECOND: '100000', RATE_SEND_BURST: '100000' },
      { onQuery: (sql) => recording?.push(sql) },
    );
    me = await signUp(app.url, 'me');
    const others = await Promise.all(Array.from({ length: 5 }, () => signUp(app.url, 'other')));
    for (let i = 0; i < 50; i++) {
      const from = others[i % others.length]!;
      const g = await gql(
        app.url,
        `mutation($i: CreateGroupInput!) { createGroup(input: $i) { id } }`,
        { i: { title: `g${i}`, memberIds: [me.id] } },
        from.token,
      );
      const id = g.data!['createGroup'].id;
      const s = await gql(
        app.url,
        `mutation($i: SendMessageInput!) { sendMessage(input: $i) { seq } }`,
        { i: { conversationId: id, clientMessageId: `m${i}`, text: `hello ${i}` } },
        from.token,
      );
      expect(s.errors).toBeUndefined();
    }
    // The messages' notification jobs run in the background: let them finish before counting statements.
    const busy = async () =>
      (await app.sql(`SELECT 1 FROM pgboss.job WHERE state IN ('created', 'retry', 'active') LIMIT 1`)).length > 0;
    await until(async () => !(await busy()), 30_000);
  }, 180_000);
  afterAll(() => app?.stop());

  /** Statements sent while answering one request, without the session check of authentication. */
  async function statementsFor(n: number): Promise<{ count: number; sql: string[]; data: any }> {
    recording = [];
    const r = await gql(app.url, PAGE, { n }, me.token);
    const sql = recording.filter((s) => !/\bsessions\b/i.test(s));
    recording = null;
    expect(r.errors).toBeUndefined();
    return { count: sql.length, sql, data: r.data!['conversations'] };
  }

  it('answers a 50-conversation page in a small constant number of statements, the same as for 10', async () => {
    const fifty = await statementsFor(50);
    expect(fifty.data.conversations).toHaveLength(50);
    for (const c of fifty.data.conversations) {
      expect(c.unreadCount).toBe(1);
      expect(c.lastMessage.text).toMatch(/^hello \d+$/);
      expect(c.lastMessage.sender.displayName).toMatch(/^other_/);
      expect(c.myMembership.role).toBe('MEMBER');
    }
    const ten = await statementsFor(10);
    expect(ten.data.conversations).toHaveLength(10);
    expect(fifty.count, fifty.sql.join('\n---\n')).toBeLessThanOrEqual(8);
    expect(ten.count, `10: ${ten.sql.join('\n---\n')}\n\n50: ${fifty.sql.join('\n---\n')}`).toBe(fifty.count);
  });
});
