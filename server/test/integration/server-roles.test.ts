import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql } from '../support/client';
import { signUp, signUpAs, type TestUser } from '../support/users';

const SET_ROLE = `mutation($u: ID!, $role: ServerRole!, $r: String!) {
  setServerRole(userId: $u, role: $role, reason: $r) { id username serverRole roleFromConfig suspension { reason } }
}`;
const USERS = `query($q: String!) { serverUsers(query: $q) { id username serverRole roleFromConfig suspension { reason until } } }`;
const IS_ADMIN = `{ isServerAdmin }`;
const AUDIT = `{ auditLog(action: SERVER_ROLE_CHANGED) { actorId targetId details } }`;

describe('server roles', () => {
  let app: TestApp;
  let root: TestUser;
  beforeAll(async () => {
    app = await startTestApp('pglite', { ADMIN_USERNAMES: 'roles_root' });
    root = await signUpAs(app.url, 'roles_root');
  }, 180_000);
  afterAll(() => app?.stop());

  it('lets an administrator make another, who can then act and take the role back, all audited', async () => {
    const ann = await signUp(app.url, 'roles_ann');
    const bob = await signUp(app.url, 'roles_bob');
    expect((await gql(app.url, IS_ADMIN, {}, ann.token)).data!.isServerAdmin).toBe(false);
    expect(codeOf(await gql(app.url, USERS, { q: '' }, ann.token))).toBe('FORBIDDEN');

    const made = await gql(app.url, SET_ROLE, { u: ann.id, role: 'ADMIN', r: 'helps moderate' }, root.token);
    expect(made.data!.setServerRole).toMatchObject({ id: ann.id, serverRole: 'ADMIN', roleFromConfig: false });
    expect((await gql(app.url, IS_ADMIN, {}, ann.token)).data!.isServerAdmin).toBe(true);
    // The new administrator acts: suspends bob, and sees it on the users page.
    await gql(
      app.url,
      `mutation($u: ID!) { suspendUser(userId: $u, hours: 2, reason: "flooding") { id } }`,
      { u: bob.id },
      ann.token,
    );
    const listed = (await gql(app.url, USERS, { q: 'roles_' }, ann.token)).data!.serverUsers;
    expect(listed.map((u: { username: string }) => u.username)).toEqual([ann.username, bob.username, 'roles_root']);
    expect(listed[1]).toMatchObject({ serverRole: 'USER', suspension: { reason: 'flooding' } });
    expect(listed[2]).toMatchObject({ serverRole: 'ADMIN', roleFromConfig: true, suspension: null });

    const taken = await gql(app.url, SET_ROLE, { u: ann.id, role: 'USER', r: 'stepped down' }, root.token);
    expect(taken.data!.setServerRole.serverRole).toBe('USER');
    expect((await gql(app.url, IS_ADMIN, {}, ann.token)).data!.isServerAdmin).toBe(false);
    expect(codeOf(await gql(app.url, USERS, { q: '' }, ann.token))).toBe('FORBIDDEN');

    const audit = (await gql(app.url, AUDIT, {}, root.token)).data!.auditLog;
    expect(audit).toEqual([
      { actorId: root.id, targetId: ann.id, details: { role: 'USER', reason: 'stepped down' } },
      { actorId: root.id, targetId: ann.id, details: { role: 'ADMIN', reason: 'helps moderate' } },
    ]);
  });

  it('refuses non-administrators, a missing reason, configured administrators, oneself and unknown users', async () => {
    const cat = await signUp(app.url, 'roles_cat');
    const r = 'because';
    expect(codeOf(await gql(app.url, SET_ROLE, { u: cat.id, role: 'ADMIN', r }, cat.token))).toBe('FORBIDDEN');
    const blank = await gql(app.url, SET_ROLE, { u: cat.id, role: 'ADMIN', r: '  ' }, root.token);
    expect(blank.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { reason: expect.any(String) },
    });
    const configured = await gql(app.url, SET_ROLE, { u: root.id, role: 'USER', r }, root.token);
    expect(configured.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { userId: expect.any(String) },
    });
    await gql(app.url, SET_ROLE, { u: cat.id, role: 'ADMIN', r }, root.token);
    const self = await gql(app.url, SET_ROLE, { u: cat.id, role: 'USER', r }, cat.token);
    expect(codeOf(self)).toBe('BAD_USER_INPUT');
    const unknown = { u: '00000000-0000-4000-8000-000000000000', role: 'ADMIN', r };
    expect(codeOf(await gql(app.url, SET_ROLE, unknown, root.token))).toBe('NOT_FOUND');
    expect(codeOf(await gql(app.url, SET_ROLE, { ...unknown, u: 'nope' }, root.token))).toBe('NOT_FOUND');
    expect(codeOf(await gql(app.url, SET_ROLE, { u: cat.id, role: 'OWNER', r }, root.token))).toBe('BAD_USER_INPUT');
  });
});
