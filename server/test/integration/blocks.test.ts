import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeOnEachDatabase, failure, ok } from '../support/chat';
import { codeOf, gql, record, until, type GqlResult, type Recorder } from '../support/client';
import type { TestUser } from '../support/users';

const BLOCK = `mutation($u: ID!) { blockUser(userId: $u) { id blockedByMe } }`;
const UNBLOCK = `mutation($u: ID!) { unblockUser(userId: $u) { id blockedByMe } }`;
const BLOCKED = `query { blockedUsers { id username blockedByMe } }`;
const BLOCKED_BY_ME = `query($u: ID!) { user(id: $u) { blockedByMe } }`;
const OPEN = `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`;
const PRESENCE = `subscription($ids: [ID!]!) { presence(userIds: $ids) { userId presence { status lastSeenAt statusText } } }`;
const USER_PRESENCE = `query($id: ID!) { user(id: $id) { presence { status lastSeenAt statusText } } }`;
const TYPING = `subscription($c: ID!) { typing(conversationId: $c) { count users { id } } }`;
const SET_TYPING = `mutation($c: ID!, $t: Boolean!) { setTyping(conversationId: $c, typing: $t) }`;

const HIDDEN = { status: 'OFFLINE', lastSeenAt: null, statusText: null };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The message of a result that must have failed with FORBIDDEN. */
async function forbidden(p: Promise<GqlResult>): Promise<string> {
  const r = await p;
  expect(codeOf(r), JSON.stringify(r.errors)).toBe('FORBIDDEN');
  return r.errors![0]!.message;
}

describeOnEachDatabase('blocking users', (t) => {
  const block = (a: TestUser, b: TestUser) => ok(t.call(a, BLOCK, { u: b.id }));
  const unblock = (a: TestUser, b: TestUser) => ok(t.call(a, UNBLOCK, { u: b.id }));

  it('blocks and unblocks idempotently, lists the blocked newest first and marks them per viewer', async () => {
    const [a, b, c] = await t.users(3, 'blk');
    expect(await block(a!, b!)).toEqual({ id: b!.id, blockedByMe: true });
    expect(await block(a!, b!)).toEqual({ id: b!.id, blockedByMe: true });
    await block(a!, c!);
    expect((await ok<any[]>(t.call(a, BLOCKED))).map((u) => [u.id, u.blockedByMe])).toEqual([
      [c!.id, true],
      [b!.id, true],
    ]);
    // Per viewer: b does not block a, and nobody is told who blocks them.
    expect(await ok(t.call(b, BLOCKED_BY_ME, { u: a!.id }))).toEqual({ blockedByMe: false });
    expect(await ok(t.call(b, BLOCKED))).toEqual([]);
    expect(await ok(t.call(a, BLOCKED_BY_ME, { u: a!.id }))).toEqual({ blockedByMe: false });

    expect(await unblock(a!, b!)).toEqual({ id: b!.id, blockedByMe: false });
    expect(await unblock(a!, b!)).toEqual({ id: b!.id, blockedByMe: false });
    expect((await ok<any[]>(t.call(a, BLOCKED))).map((u) => u.id)).toEqual([c!.id]);
  });

  it('refuses blocking oneself, an unknown user, a malformed ID, and anyone when signed out', async () => {
    const [a] = await t.users(1, 'blk');
    for (const op of [BLOCK, UNBLOCK]) {
      expect(await failure(t.call(a, op, { u: a!.id }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: { userId: 'must be someone other than yourself' },
      });
      expect((await failure(t.call(a, op, { u: randomUUID() }))).code).toBe('NOT_FOUND');
      expect((await failure(t.call(a, op, { u: 'nope' }))).fields).toEqual({ userId: 'must be a valid ID' });
      expect((await failure(t.call(undefined, op, { u: a!.id }))).code).toBe('UNAUTHENTICATED');
    }
    expect((await failure(t.call(undefined, BLOCKED))).code).toBe('UNAUTHENTICATED');
  });

  it('stops messages both ways in a DM without telling the blocked user why; history stays readable', async () => {
    const [a, b, c, d] = await t.users(4, 'dm');
    const dm = await t.direct(a!, b!);
    await t.send(b!, dm, 'before the block');
    await block(a!, b!);

    const toBlocker = await forbidden(t.sendRaw(b!, dm, 'let me in'));
    expect(toBlocker).not.toMatch(/block/i);
    const fromBlocker = await forbidden(t.sendRaw(a!, dm, 'hello?'));
    expect(fromBlocker).toMatch(/unblock/i);
    expect((await t.timeline(b!, dm)).map((m) => m.text)).toEqual(['before the block']);
    expect((await t.timeline(a!, dm)).map((m) => m.text)).toEqual(['before the block']);
    const before = await t.lastSeq(a!, dm);

    // Forwarding into the DM is sending too; nothing is half done.
    const g = await t.group(b!, [c!]);
    const m = await t.send(b!, g, 'forward me');
    expect(await forbidden(t.forward(b!, m.id, [g, dm]))).toBe(toBlocker);
    expect(await t.lastSeq(a!, dm)).toBe(before);
    expect(await t.lastSeq(b!, g)).toBe(m.seq);

    // A new DM with a blocker is refused with the same words; an existing one still opens (to read).
    await block(d!, b!);
    expect(await forbidden(t.call(b, OPEN, { u: d!.id }))).toBe(toBlocker);
    expect(await ok(t.call(b, OPEN, { u: a!.id }))).toEqual({ id: dm });
    // The blocker may open one, to read it and to unblock from there, but not write.
    const dd = await t.direct(d!, b!);
    expect(await forbidden(t.sendRaw(d!, dd, 'hi'))).toBe(fromBlocker);
    expect(await forbidden(t.sendRaw(b!, dd, 'hi'))).toBe(toBlocker);

    // Either side's block is enough: when both block, unblocking one still refuses.
    await block(b!, a!);
    await unblock(a!, b!);
    expect(await forbidden(t.sendRaw(a!, dm, 'now?'))).toBe(toBlocker);
    expect(await forbidden(t.sendRaw(b!, dm, 'now?'))).toBe(fromBlocker);
    await unblock(b!, a!);
    expect((await t.send(b!, dm, 'after the block')).text).toBe('after the block');
    expect((await t.send(a!, dm, 'welcome back')).text).toBe('welcome back');
  });

  it('leaves shared groups alone: both stay members and messages flow both ways', async () => {
    const [a, b, c] = await t.users(3, 'grp');
    const g = await t.group(c!, [a!, b!]);
    await block(a!, b!);
    // From the current seq: a live-only subscription could start after the send.
    const sub = t.subscribe(a!, g, await t.lastSeq(a!, g));
    const m = await t.send(b!, g, 'still here');
    expect((await t.eventAt(sub, m.seq)).message.text).toBe('still here');
    await t.send(a!, g, 'me too');
    expect((await t.timeline(b!, g)).map((x) => x.text)).toContain('me too');
  });

  it('shows the blocker offline, without last seen, to the blocked user only, also live over WebSocket', async () => {
    const [a, b, c] = await t.users(3, 'pres');
    await t.direct(a!, b!);
    const seen = async (viewer: TestUser) => (await ok(t.call(viewer, USER_PRESENCE, { id: a!.id }))).presence;
    const watch = async (viewer: TestUser): Promise<Recorder<any>> => {
      const rec = record(t.ws(viewer), PRESENCE, { ids: [a!.id] }, 'presence');
      // The subscription sends nothing until a change, so nothing tells the client it is live.
      await sleep(300);
      return rec;
    };
    const [byB, byC] = [await watch(b!), await watch(c!)];
    const device = t.ws(a!);
    record(device, PRESENCE, { ids: [a!.id] }, 'presence');
    await until(async () => (await seen(b!)).status === 'ONLINE');
    await until(() => byB.events.length === 1 && byC.events.length === 1);

    await block(a!, b!);
    expect(await seen(b!)).toEqual(HIDDEN);
    expect((await seen(c!)).status).toBe('ONLINE');
    await until(() => byB.events.length === 2);
    expect(byB.events[1]).toEqual({ userId: a!.id, presence: HIDDEN });

    await device.dispose();
    await until(() => byC.events.length === 2);
    const lastSeen = byC.events[1].presence.lastSeenAt;
    expect(lastSeen).not.toBeNull();
    await sleep(200);
    // Going offline changed nothing the blocked user sees, so they were told nothing.
    expect(byB.events).toHaveLength(2);
    expect(await seen(b!)).toEqual(HIDDEN);

    await unblock(a!, b!);
    await until(() => byB.events.length === 3);
    expect(byB.events[2]).toEqual({
      userId: a!.id,
      presence: { status: 'OFFLINE', lastSeenAt: lastSeen, statusText: null },
    });
    expect((await seen(b!)).lastSeenAt).toBe(lastSeen);
  });

  it('never shows the blocker typing to the blocked user, in DMs and groups, and hides them at once on a block', async () => {
    const [a, b, c] = await t.users(3, 'typ');
    const dm = await t.direct(a!, b!);
    const g = await t.group(c!, [a!, b!]);
    const watch = async (u: TestUser, conversationId: string): Promise<Recorder<any>> => {
      const rec = record(t.ws(u), TYPING, { c: conversationId }, 'typing');
      await rec.waitFor(1);
      return rec;
    };
    const typing = (u: TestUser, conversationId: string, on: boolean) =>
      ok(t.call(u, SET_TYPING, { c: conversationId, t: on }));
    const [bInGroup, cInGroup, bInDm] = [await watch(b!, g), await watch(c!, g), await watch(b!, dm)];

    // Typing already shown disappears when the typist blocks the watcher.
    await typing(a!, g, true);
    await until(() => bInGroup.events.length === 2 && cInGroup.events.length === 2);
    expect(bInGroup.events[1]).toEqual({ count: 1, users: [{ id: a!.id }] });
    await block(a!, b!);
    await until(() => bInGroup.events.length === 3);
    expect(bInGroup.events[2]).toEqual({ count: 0, users: [] });
    await typing(a!, g, false);
    await until(() => cInGroup.events.length === 3);

    // New typing of the blocker reaches the others only, in the group and in the DM.
    await typing(a!, g, true);
    await typing(a!, dm, true);
    await until(() => cInGroup.events.length === 4);
    expect(cInGroup.events[3]).toEqual({ count: 1, users: [{ id: a!.id }] });
    await sleep(300);
    expect(bInGroup.events).toHaveLength(3);
    expect(bInDm.events).toEqual([{ count: 0, users: [] }]);

    // The blocked user's own typing still shows to the blocker (the block hides only the blocker).
    const aInGroup = await watch(a!, g);
    await typing(b!, g, true);
    await until(() => aInGroup.events.some((e) => e.users.some((u: any) => u.id === b!.id)));

    await unblock(a!, b!);
    await until(() => bInDm.events.length === 2);
    expect(bInDm.events[1]).toEqual({ count: 1, users: [{ id: a!.id }] });
  });

  it('does not tell a stranger anything through blockedByMe on another user', async () => {
    const [a, b, c] = await t.users(3, 'priv');
    await block(a!, b!);
    const r = await gql(t.app().url, BLOCKED_BY_ME, { u: b!.id }, c!.token);
    expect(r.data).toEqual({ user: { blockedByMe: false } });
  });
});
