import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, record, until, wsClient, type Recorder } from '../support/client';
import { startTestApp, type TestApp } from '../support/app';
import { signUp, type TestUser } from '../support/users';

const PRESENCE = `subscription($ids: [ID!]!) { presence(userIds: $ids) { userId presence { status lastSeenAt statusText } } }`;
const USER_PRESENCE = `query($id: ID!) { user(id: $id) { presence { status lastSeenAt statusText } } }`;
const PRIVACY = `mutation($p: Visibility!, $l: Visibility!) { updatePrivacy(presenceVisibility: $p, lastSeenVisibility: $l) { presenceVisibility lastSeenVisibility } }`;
const SET = `mutation($s: PresenceStatus!, $t: String) { setPresence(status: $s, statusText: $t) { status statusText lastSeenAt } }`;

interface Change {
  userId: string;
  presence: { status: string; lastSeenAt: string | null; statusText: string | null };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Embedded mode: PGlite and the in-process presence store and bus, no Redis.
describe('presence privacy and status (embedded)', () => {
  let app: TestApp;
  const clients: Client[] = [];
  let alice: TestUser;
  let contact: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    app = await startTestApp('pglite');
    [alice, contact, stranger] = [
      await signUp(app.url, 'alice'),
      await signUp(app.url, 'carol'),
      await signUp(app.url, 'stan'),
    ];
    const r = await gql(
      app.url,
      `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
      { u: contact.id },
      alice.token,
    );
    expect(r.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await app?.stop();
  }, 60_000);

  const call = async (user: TestUser, query: string, vars: Record<string, unknown>, field: string) => {
    const r = await gql(app.url, query, vars, user.token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data![field];
  };
  const seenBy = async (viewer: TestUser) =>
    (await call(viewer, USER_PRESENCE, { id: alice.id }, 'user')).presence as Change['presence'];
  const privacy = (p: string, l: string) => call(alice, PRIVACY, { p, l }, 'updatePrivacy');
  /** Waits until alice's own view of her status passes `test`: her socket was counted, or its close was. */
  const ownStatus = (test: (status: string) => boolean) =>
    until(async () => test((await seenBy(alice)).status), 10_000);

  function connect(user: TestUser): Client {
    const c = wsClient(app.url, user.token);
    clients.push(c);
    record(c, PRESENCE, { ids: [user.id] }, 'presence');
    return c;
  }
  async function watch(user: TestUser, ids = [alice.id]): Promise<Recorder<Change>> {
    const c = wsClient(app.url, user.token);
    clients.push(c);
    const rec = record<Change>(c, PRESENCE, { ids }, 'presence');
    // The subscription sends nothing until a change, so nothing tells the client it is live: a
    // bounded wait is the only way short of changing the API.
    await sleep(300);
    return rec;
  }

  it('applies presenceVisibility to a contact and a stranger, in queries', async () => {
    const device = connect(alice);
    await ownStatus((s) => s === 'ONLINE');
    await privacy('EVERYONE', 'EVERYONE');
    expect((await seenBy(contact)).status).toBe('ONLINE');
    expect((await seenBy(stranger)).status).toBe('ONLINE');
    await privacy('CONTACTS', 'EVERYONE');
    expect((await seenBy(contact)).status).toBe('ONLINE');
    expect(await seenBy(stranger)).toEqual({ status: 'OFFLINE', lastSeenAt: null, statusText: null });
    await privacy('NOBODY', 'EVERYONE');
    expect((await seenBy(contact)).status).toBe('OFFLINE');
    expect((await seenBy(stranger)).status).toBe('OFFLINE');
    // The user always sees their own.
    expect((await seenBy(alice)).status).toBe('ONLINE');
    await privacy('EVERYONE', 'EVERYONE');
    await device.dispose();
    await ownStatus((s) => s === 'OFFLINE');
  });

  it('applies lastSeenVisibility to a contact and a stranger, in queries', async () => {
    await privacy('EVERYONE', 'EVERYONE');
    const device = connect(alice);
    await ownStatus((s) => s === 'ONLINE');
    await device.dispose();
    await ownStatus((s) => s === 'OFFLINE');
    const mine = await seenBy(alice);
    expect(mine.status).toBe('OFFLINE');
    expect(mine.lastSeenAt).not.toBeNull();
    expect((await seenBy(stranger)).lastSeenAt).toBe(mine.lastSeenAt);
    await privacy('EVERYONE', 'CONTACTS');
    expect((await seenBy(contact)).lastSeenAt).toBe(mine.lastSeenAt);
    expect((await seenBy(stranger)).lastSeenAt).toBeNull();
    await privacy('EVERYONE', 'NOBODY');
    expect((await seenBy(contact)).lastSeenAt).toBeNull();
    expect((await seenBy(stranger)).lastSeenAt).toBeNull();
    expect((await seenBy(alice)).lastSeenAt).toBe(mine.lastSeenAt);
    await privacy('EVERYONE', 'EVERYONE');
  });

  it('filters events per viewer: hidden users only ever look OFFLINE, and their activity does not leak', async () => {
    await privacy('CONTACTS', 'CONTACTS');
    // Nobody else's sockets are open as mark: mark coming online below is a change everyone sees.
    const mark = await signUp(app.url, 'mark');
    const byContact = await watch(contact);
    const byStranger = await watch(stranger, [alice.id, mark.id]);
    const device = connect(alice);
    await byContact.waitFor(1);
    expect(byContact.events[0]!.presence.status).toBe('ONLINE');
    await call(alice, SET, { s: 'BUSY', t: 'in a meeting' }, 'setPresence');
    await byContact.waitFor(2);
    expect(byContact.events[1]!.presence).toEqual({ status: 'BUSY', statusText: 'in a meeting', lastSeenAt: null });
    await device.dispose();
    await byContact.waitFor(3);
    expect(byContact.events[2]!.presence.status).toBe('OFFLINE');
    expect(byContact.events[2]!.presence.lastSeenAt).not.toBeNull();
    // The stranger was never allowed to see anything change. A subscription gets its events in the
    // order they happened, so once mark coming online has arrived, any leak of alice's earlier
    // changes would have arrived before it.
    const marker = connect(mark);
    await until(() => byStranger.events.some((e) => e.userId === mark.id));
    expect(byStranger.events.filter((e) => e.userId === alice.id)).toEqual([]);
    await marker.dispose();

    // Opening up to everyone is itself a change the stranger may now see.
    await privacy('EVERYONE', 'EVERYONE');
    await until(() => byStranger.events.some((e) => e.userId === alice.id));
    const opened = byStranger.events.find((e) => e.userId === alice.id)!;
    expect(opened.presence.status).toBe('OFFLINE');
    expect(opened.presence.lastSeenAt).not.toBeNull();
    await call(alice, SET, { s: 'ONLINE', t: null }, 'setPresence');
  });

  it('shows INVISIBLE only to the user; others see OFFLINE', async () => {
    await privacy('EVERYONE', 'EVERYONE');
    const byContact = await watch(contact);
    const device = connect(alice);
    await byContact.waitFor(1);
    expect(byContact.events[0]!.presence.status).toBe('ONLINE');
    const own = await call(alice, SET, { s: 'INVISIBLE', t: null }, 'setPresence');
    expect(own.status).toBe('INVISIBLE');
    await byContact.waitFor(2);
    expect(byContact.events[1]!.presence).toEqual({ status: 'OFFLINE', lastSeenAt: null, statusText: null });
    expect((await seenBy(contact)).status).toBe('OFFLINE');
    expect((await seenBy(alice)).status).toBe('INVISIBLE');
    // The chosen status outlives the connection.
    await device.dispose();
    await ownStatus((s) => s === 'OFFLINE');
    const again = connect(alice);
    await ownStatus((s) => s !== 'OFFLINE');
    expect((await seenBy(alice)).status).toBe('INVISIBLE');
    expect((await seenBy(stranger)).status).toBe('OFFLINE');
    await call(alice, SET, { s: 'ONLINE', t: null }, 'setPresence');
    expect((await seenBy(stranger)).status).toBe('ONLINE');
    await again.dispose();
  });

  it('validates setPresence and the watch list, and exposes privacy only on me', async () => {
    expect(codeOf(await gql(app.url, SET, { s: 'OFFLINE' }, alice.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(app.url, SET, { s: 'BUSY', t: 'x'.repeat(81) }, alice.token))).toBe('BAD_USER_INPUT');
    const me = await gql(app.url, `{ me { privacy { presenceVisibility lastSeenVisibility } } }`, {}, alice.token);
    expect(me.data?.['me'].privacy).toEqual({ presenceVisibility: 'EVERYONE', lastSeenVisibility: 'EVERYONE' });
    const other = await gql(
      app.url,
      `query($id: ID!) { user(id: $id) { privacy { presenceVisibility } } }`,
      { id: alice.id },
      stranger.token,
    );
    expect(other.data?.['user'].privacy).toBeNull();
    const c = wsClient(app.url, stranger.token);
    clients.push(c);
    const ids = Array.from({ length: 501 }, () => crypto.randomUUID());
    const rec = record(c, PRESENCE, { ids }, 'presence');
    await rec.ended();
    expect(JSON.stringify(rec.errors)).toContain('BAD_USER_INPUT');
  });
});
