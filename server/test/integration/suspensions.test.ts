import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql, until } from '../support/client';
import { signUp, signUpAs, type TestUser } from '../support/users';

const SUSPEND = `mutation($u: ID!, $h: Int, $r: String!) { suspendUser(userId: $u, hours: $h, reason: $r) { id userId until reason } }`;
const LIFT = `mutation($u: ID!, $r: String!) { liftSuspension(userId: $u, reason: $r) }`;
const ME = `{ me { id } }`;

/** A signed-in socket; resolves its close code once it closes. */
function socket(baseUrl: string, token: string) {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  let acked = false;
  let code: number | null = null;
  ws.on('open', () =>
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
  );
  ws.on('message', (d) => {
    if (JSON.parse(d.toString()).type === 'connection_ack') acked = true;
  });
  ws.on('close', (c) => (code = c));
  return { acked: () => acked, code: () => code };
}

describe('suspending and banning users', () => {
  let app: TestApp;
  let admin: TestUser;
  let second: TestUser;
  beforeAll(async () => {
    app = await startTestApp('pglite', { ADMIN_USERNAMES: 'sus_admin,sus_second' });
    admin = await signUpAs(app.url, 'sus_admin');
    second = await signUpAs(app.url, 'sus_second');
  }, 180_000);
  afterAll(() => app?.stop());

  const logIn = (u: TestUser) =>
    gql(
      app.url,
      `mutation($u: String!) { logIn(input: { username: $u, password: "correct horse" }) { accessToken } }`,
      { u: u.username },
    );

  it('cuts a suspended user off at once (requests, sockets, tokens, sign-in) until it is lifted', async () => {
    const ben = await signUp(app.url, 'ben');
    const pat = (
      await gql(app.url, `mutation { createAccessToken(name: "bot", expiresInDays: 7) { token } }`, {}, ben.token)
    ).data!.createAccessToken.token as string;
    const ws = socket(app.url, ben.token);
    await until(() => ws.acked(), 5000);

    const s = (await gql(app.url, SUSPEND, { u: ben.id, h: 24, r: 'spam in three groups' }, admin.token)).data!
      .suspendUser;
    expect(s).toMatchObject({ userId: ben.id, reason: 'spam in three groups' });
    expect(new Date(s.until).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(codeOf(await gql(app.url, ME, {}, ben.token))).toBe('UNAUTHENTICATED');
    expect(codeOf(await gql(app.url, ME, {}, pat))).toBe('UNAUTHENTICATED');
    await until(() => ws.code() !== null, 5000);
    expect(ws.code()).toBe(4403);
    const refused = await logIn(ben);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toMatch(/suspended until .*: spam in three groups/);

    expect((await gql(app.url, LIFT, { u: ben.id, r: 'appeal accepted' }, admin.token)).data).toEqual({
      liftSuspension: true,
    });
    expect((await gql(app.url, LIFT, { u: ben.id, r: 'again' }, admin.token)).data).toEqual({ liftSuspension: false });
    expect((await logIn(ben)).data?.logIn.accessToken).toBeTruthy();
  });

  it('bans for good, is for administrators only, and checks its arguments', async () => {
    const [eve, ana] = [await signUp(app.url, 'eve'), await signUp(app.url, 'ana')];
    const ban = (await gql(app.url, SUSPEND, { u: eve.id, h: null, r: 'threats' }, admin.token)).data!.suspendUser;
    expect(ban.until).toBeNull();
    expect((await logIn(eve)).errors![0]!.message).toMatch(/banned from this server: threats/);
    expect(codeOf(await gql(app.url, SUSPEND, { u: eve.id, h: 1, r: 'x' }, ana.token))).toBe('FORBIDDEN');
    expect(codeOf(await gql(app.url, SUSPEND, { u: ana.id, h: 0, r: 'x' }, admin.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, SUSPEND, { u: ana.id, h: 1, r: ' ' }, admin.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, SUSPEND, { u: admin.id, h: 1, r: 'self' }, admin.token))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await gql(app.url, SUSPEND, { u: '00000000-0000-4000-8000-000000000000', h: 1, r: 'x' }, admin.token)),
    ).toBe('NOT_FOUND');
    // The audit entry is written beside the request.
    const entries = async () =>
      (
        await gql(
          app.url,
          `{ auditLog(action: USER_SUSPENDED, targetId: "${eve.id}") { actorId details } }`,
          {},
          admin.token,
        )
      ).data!.auditLog as { actorId: string; details: Record<string, unknown> }[];
    await until(async () => (await entries()).length === 1);
    expect((await entries())[0]).toEqual({ actorId: admin.id, details: { hours: null, reason: 'threats' } });
  });

  it('takes one appeal per suspension, decided by another administrator', async () => {
    const [zed, ana] = [await signUp(app.url, 'zed'), await signUp(app.url, 'ana')];
    await gql(app.url, SUSPEND, { u: zed.id, h: 48, r: 'flooding' }, admin.token);
    const APPEAL = `mutation($u: String!, $p: String!, $n: String!) { appealSuspension(username: $u, password: $p, note: $n) }`;
    expect(codeOf(await gql(app.url, APPEAL, { u: zed.username, p: 'wrong password', n: 'please' }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await gql(app.url, APPEAL, { u: ana.username, p: 'correct horse', n: 'please' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql(app.url, APPEAL, { u: zed.username, p: 'correct horse', n: ' ' }))).toBe('BAD_USER_INPUT');
    expect(
      (await gql(app.url, APPEAL, { u: zed.username, p: 'correct horse', n: 'my little brother used my phone' })).data,
    ).toEqual({
      appealSuspension: true,
    });
    expect(codeOf(await gql(app.url, APPEAL, { u: zed.username, p: 'correct horse', n: 'again' }))).toBe(
      'BAD_USER_INPUT',
    );
    const LIST = `{ suspensionAppeals { id userId user { username } note status suspension { reason } } }`;
    expect(codeOf(await gql(app.url, LIST, {}, ana.token))).toBe('FORBIDDEN');
    const appeal = ((await gql(app.url, LIST, {}, admin.token)).data!.suspensionAppeals as any[]).find(
      (a) => a.userId === zed.id,
    );
    expect(appeal).toMatchObject({
      user: { username: zed.username },
      note: 'my little brother used my phone',
      status: 'OPEN',
      suspension: { reason: 'flooding' },
    });
    const DECIDE = `mutation($a: ID!, $l: Boolean!, $r: String!) { decideAppeal(appealId: $a, lift: $l, reason: $r) { status decision { by reason } } }`;
    expect(codeOf(await gql(app.url, DECIDE, { a: appeal.id, l: true, r: 'fine' }, admin.token))).toBe('FORBIDDEN');
    expect(
      (await gql(app.url, DECIDE, { a: appeal.id, l: true, r: 'first time, plausible' }, second.token)).data!
        .decideAppeal,
    ).toEqual({
      status: 'LIFTED',
      decision: { by: second.id, reason: 'first time, plausible' },
    });
    expect(codeOf(await gql(app.url, DECIDE, { a: appeal.id, l: false, r: 'no' }, second.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await logIn(zed)).data?.logIn.accessToken).toBeTruthy();
  });
});
