import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestMode } from '../support/app';
import { codeOf, gql } from '../support/client';
import { scratchMongoUrl, TEST_MONGODB_URL } from '../support/mongo-server';
import { needs } from '../support/needs';
import { signUp, type TestUser } from '../support/users';

const SEARCH = `query($q: String!, $c: ID, $s: ID, $first: Int, $after: String, $since: DateTime) {
  searchMessages(query: $q, conversationId: $c, senderId: $s, first: $first, after: $after, since: $since) {
    hits { snippet message { id text conversationId sender { id } } } endCursor hasNextPage } }`;

// The same cases on the embedded database, on PostgreSQL, and with messages in a real MongoDB when
// TEST_MONGODB_URL is set (the emulator has no text search, so it is not a lane here).
const MODES: TestMode[] = ['pglite', 'postgres', ...(TEST_MONGODB_URL ? (['mongo'] as TestMode[]) : [])];
describe.each(MODES)('message search (%s)', (mode) => {
  describe.skipIf(mode !== 'pglite' && needs('postgres'))('', () => {
    let app: TestApp;
    let ana: TestUser;
    let ben: TestUser;
    let cy: TestUser;
    let group: string;
    let dm: string;
    const ids: Record<string, string> = {};

    const call = (u: TestUser, query: string, variables: Record<string, unknown> = {}) =>
      gql(app.url, query, variables, u.token);
    const search = async (u: TestUser, q: string, vars: Record<string, unknown> = {}) => {
      const r = await call(u, SEARCH, { q, ...vars });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data!['searchMessages'];
    };
    const texts = async (u: TestUser, q: string, vars: Record<string, unknown> = {}) =>
      (await search(u, q, vars)).hits.map((h: any) => h.message.text);
    const send = async (u: TestUser, conversationId: string, text: string, key: string) => {
      const r = await call(u, `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }`, {
        i: { conversationId, clientMessageId: randomUUID(), text },
      });
      ids[key] = r.data!['sendMessage'].id;
    };

    beforeAll(async () => {
      app = await startTestApp(mode, {
        RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
        ...(mode === 'mongo' ? { MONGODB_URL: scratchMongoUrl(TEST_MONGODB_URL!) } : {}),
      });
      [ana, ben, cy] = (await Promise.all(['ana', 'ben', 'cy'].map((p) => signUp(app.url, p)))) as [
        TestUser,
        TestUser,
        TestUser,
      ];
      const g = await call(
        ana,
        `mutation($m: [ID!]!) { createGroup(input: { title: "Trip", memberIds: $m }) { id } }`,
        {
          m: [ben.id, cy.id],
        },
      );
      group = g.data!['createGroup'].id;
      const d = await call(ana, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: ben.id });
      dm = d.data!['openDirectConversation'].id;
      await send(ana, group, 'Meet at the café near the station', 'cafe');
      await send(ben, group, 'The train leaves at nine, the station is busy', 'train');
      await send(cy, group, 'I booked the hotel; the hotel has a pool', 'hotel');
      await send(ben, dm, 'secret: the café surprise party', 'secret');
      await send(ana, group, 'Bring sunscreen', 'sun');
    }, 180_000);
    afterAll(() => app?.stop());

    it('finds words regardless of accents and case, with « » around the matches', async () => {
      const r = await search(cy, 'CAFE');
      expect(r.hits.map((h: any) => h.message.id)).toEqual([ids['cafe']]);
      expect(r.hits[0].snippet).toContain('«café»');
    });

    it('matches the last word as a prefix while typing', async () => {
      expect(await texts(cy, 'sunsc')).toEqual(['Bring sunscreen']);
      expect(await texts(cy, 'train lea')).toEqual(['The train leaves at nine, the station is busy']);
    });

    it('understands quotes, -exclusions and or', async () => {
      expect(await texts(cy, '"train leaves"')).toEqual(['The train leaves at nine, the station is busy']);
      expect(await texts(cy, 'station -train')).toEqual(['Meet at the café near the station']);
      const either = ['Bring sunscreen', 'I booked the hotel; the hotel has a pool'];
      expect((await texts(cy, 'pool or sunscreen')).sort()).toEqual(either);
      expect((await texts(cy, 'pool OR sunsc')).sort()).toEqual(either);
    });

    it('ranks by relevance, then newest', async () => {
      expect(await texts(cy, 'hotel station')).toEqual([]);
      const hits = await texts(cy, 'the station');
      expect(hits).toHaveLength(2);
    });

    it('only searches conversations the viewer is in, and filters by conversation and sender', async () => {
      expect(await texts(cy, 'surprise')).toEqual([]);
      expect(await texts(ana, 'surprise')).toEqual(['secret: the café surprise party']);
      expect((await texts(ana, 'café', { c: group })).length).toBe(1);
      expect(await texts(ana, 'station', { s: ben.id })).toEqual(['The train leaves at nine, the station is busy']);
      expect(await texts(ana, 'station', { since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    });

    it('never finds deleted messages, nor messages the viewer hid', async () => {
      await send(ana, group, 'temporary zebra note', 'zebra');
      await send(ana, group, 'another zebra sighting', 'zebra2');
      expect((await texts(cy, 'zebra')).length).toBe(2);
      await call(ana, `mutation($m: ID!) { deleteMessage(messageId: $m) { id } }`, { m: ids['zebra'] });
      await call(cy, `mutation($m: ID!) { deleteMessage(messageId: $m, forEveryone: false) { id } }`, {
        m: ids['zebra2'],
      });
      expect(await texts(cy, 'zebra')).toEqual([]);
      expect(await texts(ben, 'zebra')).toEqual(['another zebra sighting']);
    });

    it('finds edited text and no longer the old one', async () => {
      await send(ana, group, 'lunch at noon', 'lunch');
      await call(ana, `mutation($m: ID!) { editMessage(messageId: $m, text: "dinner at eight") { id } }`, {
        m: ids['lunch'],
      });
      expect(await texts(cy, 'lunch')).toEqual([]);
      expect(await texts(cy, 'dinner')).toEqual(['dinner at eight']);
    });

    it('a member removed from a group no longer finds its messages', async () => {
      await call(ana, `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { id } }`, {
        c: group,
        u: cy.id,
      });
      expect(await texts(cy, 'sunscreen')).toEqual([]);
    });

    it('pages with a cursor, stable when new matches arrive', async () => {
      for (let i = 0; i < 5; i++) await send(ana, group, `pager item ${i}`, `p${i}`);
      const first = await search(ana, 'pager', { first: 2 });
      expect(first.hits).toHaveLength(2);
      expect(first.hasNextPage).toBe(true);
      await send(ana, group, 'pager item new', 'pnew');
      const second = await search(ana, 'pager', { first: 2, after: first.endCursor });
      const third = await search(ana, 'pager', { first: 2, after: second.endCursor });
      const seen = [...first.hits, ...second.hits, ...third.hits].map((h: any) => h.message.id);
      expect(new Set(seen).size).toBe(5);
      expect(seen).not.toContain(ids['pnew']);
      expect(third.hasNextPage).toBe(false);
    });

    it('refuses empty, overlong and wordless queries, bad cursors and page sizes with BAD_USER_INPUT', async () => {
      for (const q of ['', '   ', 'x'.repeat(201), '-', '""', '!!! ???']) {
        const r = await call(ana, SEARCH, { q });
        expect(codeOf(r), q).toBe('BAD_USER_INPUT');
        expect(r.errors?.[0]?.extensions?.['fields']).toHaveProperty('query');
      }
      expect(codeOf(await call(ana, SEARCH, { q: 'x', after: 'nope' }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await call(ana, SEARCH, { q: 'x', first: 51 }))).toBe('BAD_USER_INPUT');
      // Operators are data, never SQL.
      expect(await texts(ana, "'); DROP TABLE messages; --")).toEqual([]);
    });
  });
});
