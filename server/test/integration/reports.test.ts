import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql } from '../support/client';
import { signUp, signUpAs, type TestUser } from '../support/users';

const QUEUE = `query($s: ReportStatus, $first: Int, $before: ID) { moderationQueue(status: $s, first: $first, before: $before) {
  id reason note status createdAt reporter { id } targetUser { id }
  message { messageId conversationId conversationKind text attachments { kind filename } sentAt }
  context { id text deletedAt }
  resolution { outcome by reason at } } }`;
const REPORT_MESSAGE = `mutation($m: ID!, $r: ReportReason!, $n: String) { reportMessage(messageId: $m, reason: $r, note: $n) }`;
const RESOLVE = `mutation($id: ID!, $o: ReportOutcome!, $r: String!) { resolveReport(reportId: $id, outcome: $o, reason: $r) { id status resolution { outcome by reason } } }`;

describe('reports and the moderation queue', () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    app = await startTestApp('pglite', { ADMIN_USERNAMES: 'mod_admin' });
    admin = await signUpAs(app.url, 'mod_admin');
  }, 180_000);
  afterAll(() => app?.stop());

  const call = (u: TestUser | undefined, q: string, v: Record<string, unknown> = {}) => gql(app.url, q, v, u?.token);
  const send = async (u: TestUser, c: string, text: string) =>
    (
      await call(u, `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`, {
        i: { conversationId: c, clientMessageId: randomUUID(), text },
      })
    ).data!.sendMessage.id as string;

  it('keeps what was reported even after the message is deleted, with its context, for administrators to close', async () => {
    const [ana, ben] = [await signUp(app.url, 'ana'), await signUp(app.url, 'ben')];
    const g = (
      await call(ana, `mutation($m: [ID!]!) { createGroup(input: { title: "t", memberIds: $m }) { id } }`, {
        m: [ben.id],
      })
    ).data!.createGroup.id;
    await send(ben, g, 'before');
    const bad = await send(ben, g, 'buy cheap pills');
    await send(ana, g, 'after');
    expect((await call(ana, REPORT_MESSAGE, { m: bad, r: 'SPAM', n: 'again' })).data).toEqual({ reportMessage: true });
    expect((await call(ana, REPORT_MESSAGE, { m: bad, r: 'SPAM' })).data).toEqual({ reportMessage: true });
    await call(ben, `mutation($m: ID!) { deleteMessage(messageId: $m) { id } }`, { m: bad });
    const queue = (await call(admin, QUEUE)).data!.moderationQueue as any[];
    const mine = queue.filter((r) => r.message?.messageId === bad);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      reason: 'SPAM',
      note: 'again',
      status: 'OPEN',
      reporter: { id: ana.id },
      targetUser: { id: ben.id },
      message: { text: 'buy cheap pills', conversationId: g, conversationKind: 'GROUP' },
    });
    // Two messages either side: the group's creation notice and 'before', then 'after'.
    expect(mine[0].context.map((m: any) => m.text).slice(1)).toEqual(['before', null, 'after']);
    // An administrator deletes a message in a conversation they are not in; its members see the tombstone.
    const other = await send(ben, g, 'more of the same');
    expect(
      codeOf(await call(ana, `mutation($m: ID!) { deleteMessageAsAdmin(messageId: $m, reason: "x") }`, { m: other })),
    ).toBe('FORBIDDEN');
    expect(
      (
        await call(admin, `mutation($m: ID!) { deleteMessageAsAdmin(messageId: $m, reason: "spam, reported") }`, {
          m: other,
        })
      ).data,
    ).toEqual({
      deleteMessageAsAdmin: true,
    });
    const seen = (
      await call(ana, `query($c: ID!) { messages(conversationId: $c, limit: 10) { messages { id text deletedAt } } }`, {
        c: g,
      })
    ).data!.messages.messages as any[];
    expect(seen.find((m) => m.id === other)).toMatchObject({ text: null, deletedAt: expect.any(String) });
    // And removes the sender from the group, which its members see as a notice; ben can no longer write there.
    expect(
      (
        await call(
          admin,
          `mutation($c: ID!, $u: ID!) { removeMemberAsAdmin(conversationId: $c, userId: $u, reason: "repeat spam") }`,
          { c: g, u: ben.id },
        )
      ).data,
    ).toEqual({ removeMemberAsAdmin: true });
    const after = (
      await call(ana, `query($c: ID!) { messages(conversationId: $c, limit: 3) { messages { text } } }`, { c: g })
    ).data!.messages.messages as any[];
    expect(after.at(-1).text).toBe(`A server administrator removed ${ben.username}`);
    expect(
      codeOf(
        await call(ben, `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`, {
          i: { conversationId: g, clientMessageId: randomUUID(), text: 'hi' },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(
        await call(
          ana,
          `mutation($c: ID!, $u: ID!) { removeMemberAsAdmin(conversationId: $c, userId: $u, reason: "x") }`,
          { c: g, u: ana.id },
        ),
      ),
    ).toBe('FORBIDDEN');
    const closed = (await call(admin, RESOLVE, { id: mine[0].id, o: 'ACTIONED', r: 'deleted by its sender; warned' }))
      .data!.resolveReport;
    expect(closed).toMatchObject({ status: 'RESOLVED', resolution: { outcome: 'ACTIONED', by: admin.id } });
    expect(codeOf(await call(admin, RESOLVE, { id: mine[0].id, o: 'DISMISSED', r: 'again' }))).toBe('BAD_USER_INPUT');
    const resolved = (await call(admin, QUEUE, { s: 'RESOLVED' })).data!.moderationQueue as any[];
    expect(resolved.map((r) => r.id)).toContain(mine[0].id);
  });

  it('lets members report only what they can see, and administrators alone moderate', async () => {
    const [ana, ben, eve] = [await signUp(app.url, 'ana'), await signUp(app.url, 'ben'), await signUp(app.url, 'eve')];
    const dm = (await call(ana, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: ben.id })).data!
      .openDirectConversation.id;
    const m = await send(ben, dm, 'private');
    expect(codeOf(await call(eve, REPORT_MESSAGE, { m, r: 'SPAM' }))).toBe('NOT_FOUND');
    expect(codeOf(await call(ben, REPORT_MESSAGE, { m, r: 'SPAM' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await call(ana, REPORT_MESSAGE, { m, r: 'SPAM', n: 'x'.repeat(1001) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await call(undefined, REPORT_MESSAGE, { m, r: 'SPAM' }))).toBe('UNAUTHENTICATED');
    expect(
      (await call(eve, `mutation($u: ID!) { reportUser(userId: $u, reason: HARASSMENT) }`, { u: ben.id })).data,
    ).toEqual({ reportUser: true });
    expect(codeOf(await call(eve, `mutation($u: ID!) { reportUser(userId: $u, reason: OTHER) }`, { u: eve.id }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await call(ana, QUEUE))).toBe('FORBIDDEN');
    const [first] = (await call(admin, QUEUE, { first: 1 })).data!.moderationQueue as any[];
    expect(codeOf(await call(ana, RESOLVE, { id: first.id, o: 'DISMISSED', r: 'no' }))).toBe('FORBIDDEN');
    expect(codeOf(await call(admin, RESOLVE, { id: first.id, o: 'DISMISSED', r: '   ' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await call(admin, QUEUE, { first: 500 }))).toBe('BAD_USER_INPUT');
    const audit = (await call(admin, `{ auditLog(action: REPORT_CREATED, actorId: "${eve.id}") { targetId details } }`))
      .data!.auditLog;
    expect(audit).toEqual([expect.objectContaining({ targetId: ben.id })]);
  });
});
