import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql, until } from '../support/client';
import { signUp, signUpAs, type TestUser } from '../support/users';

const LOG = `query($a: AuditAction, $actor: ID, $name: String, $target: String, $first: Int, $before: ID) {
  auditLog(action: $a, actorId: $actor, actorUsername: $name, targetId: $target, first: $first, before: $before) {
    id at action actorId targetId ip details } }`;

describe('audit log', () => {
  let app: TestApp;
  let admin: TestUser;
  let ana: TestUser;
  let ben: TestUser;
  beforeAll(async () => {
    app = await startTestApp('pglite', { ADMIN_USERNAMES: 'root_admin' });
    admin = await signUpAs(app.url, 'root_admin');
    [ana, ben] = [await signUp(app.url, 'ana'), await signUp(app.url, 'ben')];
  }, 180_000);
  afterAll(() => app?.stop());

  const entries = async (variables: Record<string, unknown>) => {
    const r = await gql(app.url, LOG, variables, admin.token);
    expect(r.errors).toBeUndefined();
    return r.data!.auditLog as any[];
  };

  it('records failed log-ins, tokens, roles, removals and blocks for administrators to read', async () => {
    await gql(
      app.url,
      `mutation { logIn(input: { username: "${ana.username}", password: "wrong-password" }) { accessToken } }`,
    );
    const token = await gql(
      app.url,
      `mutation { createAccessToken(name: "ci", expiresInDays: 7) { accessToken { id } } }`,
      {},
      ana.token,
    );
    const tokenId = token.data!.createAccessToken.accessToken.id;
    await gql(app.url, `mutation($id: ID!) { revokeAccessToken(id: $id) }`, { id: tokenId }, ana.token);
    const g = (
      await gql(
        app.url,
        `mutation($m: [ID!]!) { createGroup(input: { title: "t", memberIds: $m }) { id } }`,
        { m: [ben.id] },
        ana.token,
      )
    ).data!.createGroup.id;
    await gql(
      app.url,
      `mutation($c: ID!, $u: ID!) { setMemberRole(conversationId: $c, userId: $u, role: ADMIN) { role } }`,
      { c: g, u: ben.id },
      ana.token,
    );
    await gql(
      app.url,
      `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { id } }`,
      { c: g, u: ben.id },
      ana.token,
    );
    await gql(app.url, `mutation($u: ID!) { blockUser(userId: $u) { id } }`, { u: ben.id }, ana.token);
    // Entries are written beside the request, not in it: wait for the last.
    await until(async () => (await entries({ a: 'USER_BLOCKED', actor: ana.id })).length === 1);
    const failed = await entries({ a: 'AUTH_LOGIN_FAILED', target: ana.id });
    expect(failed[0]).toMatchObject({ actorId: null, details: { username: ana.username } });
    expect(JSON.stringify(failed)).not.toContain('wrong-password');
    const mine = await entries({ actor: ana.id });
    expect(mine.map((e) => e.action)).toEqual([
      'USER_BLOCKED',
      'MEMBER_REMOVED',
      'MEMBER_ROLE_CHANGED',
      'TOKEN_REVOKED',
      'TOKEN_CREATED',
    ]);
    expect(mine.find((e) => e.action === 'MEMBER_ROLE_CHANGED')).toMatchObject({
      targetId: ben.id,
      details: { conversationId: g, role: 'ADMIN' },
    });
    expect(mine.find((e) => e.action === 'TOKEN_CREATED')).toMatchObject({
      targetId: tokenId,
      details: { name: 'ci' },
    });
    // By username as well, in any letter case and with an @; an unknown one finds nothing.
    expect(await entries({ name: `@${ana.username.toUpperCase()}` })).toEqual(mine);
    expect(await entries({ name: 'nobody_here' })).toEqual([]);
    const page = await entries({ actor: ana.id, first: 2 });
    expect((await entries({ actor: ana.id, before: page[1].id })).map((e) => e.action)).toEqual(
      mine.slice(2).map((e) => e.action),
    );
  });

  it('is for server administrators only, and checks its arguments', async () => {
    expect(codeOf(await gql(app.url, LOG, {}, ana.token))).toBe('FORBIDDEN');
    expect(codeOf(await gql(app.url, LOG, {}))).toBe('UNAUTHENTICATED');
    expect((await gql(app.url, `{ isServerAdmin }`, {}, ana.token)).data).toEqual({ isServerAdmin: false });
    expect((await gql(app.url, `{ isServerAdmin }`, {}, admin.token)).data).toEqual({ isServerAdmin: true });
    expect(codeOf(await gql(app.url, LOG, { first: 500 }, admin.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, LOG, { before: 'x' }, admin.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, LOG, { actor: 'not-an-id' }, admin.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, LOG, { actor: ana.id, name: ana.username }, admin.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, LOG, { name: ana.username }, ana.token))).toBe('FORBIDDEN');
  });
});
