import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, gql, type Recorder } from '../support/client';
import { needs } from '../support/needs';
import { signUp, type TestUser } from '../support/users';
import { oneNode, twoNodes, type Topology } from './topology';
import { TRANSPORTS, type Ev } from './transports';

const REPLAY_LIMIT = 20;
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq } }`;
const firstCode = (r: Recorder<Ev>) => {
  const e = r.errors[0] as any;
  return (Array.isArray(e) ? e[0] : e)?.extensions?.code ?? (e?.message?.includes('401') ? 'UNAUTHENTICATED' : e);
};

// One suite, every transport, on one node and across two: the messaging guarantees hold whichever
// way a client receives events.
describe.each([
  ['one embedded node', oneNode, false],
  ['two nodes sharing PostgreSQL and Redis', twoNodes, needs('postgres', 'redis')],
] as const)('event delivery semantics: %s', (_name, start, skip) => {
  describe.skipIf(skip).each(TRANSPORTS)('over $name', (transport) => {
    let t: Topology;
    let ana: TestUser;
    let ben: TestUser;
    let group: string;
    const open: Recorder<Ev>[] = [];
    const follow = (u: TestUser, c: string, a: number | null) => {
      const r = transport.follow(t.reader, u, c, a);
      open.push(r);
      return r;
    };
    const send = (u: TestUser, text: string, c = group) =>
      gql(t.writer, SEND, { i: { conversationId: c, clientMessageId: randomUUID(), text } }, u.token);
    const lastSeq = async (u: TestUser, c = group) =>
      (await gql(t.writer, 'query($c: ID!) { conversation(id: $c) { lastSeq } }', { c }, u.token)).data!['conversation']
        .lastSeq as number;

    beforeAll(async () => {
      t = await start({ REPLAY_LIMIT: String(REPLAY_LIMIT) });
      ana = await signUp(t.writer, 'ana');
      ben = await signUp(t.writer, 'ben');
      const r = await gql(
        t.writer,
        `mutation($m: [ID!]!) { createGroup(input: { title: "G", memberIds: $m }) { id } }`,
        { m: [ben.id] },
        ana.token,
      );
      group = r.data!['createGroup'].id;
    }, 120_000);
    afterAll(async () => {
      open.forEach((r) => r.stop());
      await t?.stop();
    }, 60_000);

    it('delivers every event once, in seq order, under concurrent senders', async () => {
      const from = await lastSeq(ana);
      const r = follow(ben, group, from);
      await Promise.all(Array.from({ length: 10 }, (_, i) => send(i % 2 ? ana : ben, `m${i}`)));
      const got = await r.waitFor(10, 20_000);
      expect(got.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => from + i + 1));
      expect(new Set(got.map((e) => e.message?.text))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `m${i}`)));
      r.stop();
    });

    it('resumes after a disconnect with afterSeq: what was missed, then live, with no gap and no duplicate', async () => {
      const first = follow(ben, group, await lastSeq(ana));
      await send(ana, 'before');
      const [before] = await first.waitFor(1);
      first.stop();
      for (const text of ['while away 1', 'while away 2', 'while away 3']) await send(ana, text);
      const second = follow(ben, group, before!.seq);
      await second.waitFor(3);
      await send(ana, 'after');
      const got = await second.waitFor(4);
      expect(got.map((e) => e.message?.text)).toEqual(['while away 1', 'while away 2', 'while away 3', 'after']);
      expect(got.map((e) => e.seq)).toEqual([1, 2, 3, 4].map((i) => before!.seq + i));
      second.stop();
    });

    it('ends with RESYNC_REQUIRED when further behind than the replay limit', async () => {
      const old = await lastSeq(ana);
      for (let i = 0; i <= REPLAY_LIMIT; i++) await send(ana, `flood ${i}`);
      const r = follow(ben, group, old);
      await r.ended(15_000);
      expect(firstCode(r)).toBe('RESYNC_REQUIRED');
    });

    it('refuses a non-member, and ends after a removed member’s own MemberLeft with nothing after it', async () => {
      const cy = await signUp(t.writer, 'cy');
      const refused = follow(cy, group, null);
      await refused.ended(15_000);
      expect(firstCode(refused)).toBe('NOT_FOUND');

      await gql(
        t.writer,
        `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`,
        { c: group, u: [cy.id] },
        ana.token,
      );
      const r = follow(cy, group, await lastSeq(cy));
      await send(ana, 'hello cy');
      await r.waitFor(1);
      await gql(
        t.writer,
        `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { id } }`,
        { c: group, u: cy.id },
        ana.token,
      );
      await send(ana, 'cy must not see this');
      await r.ended(15_000);
      const texts = r.events.map((e) => e.message?.text ?? e.__typename);
      expect(texts[0]).toBe('hello cy');
      expect(r.events.at(-1)).toMatchObject({ __typename: 'MemberLeft', user: { id: cy.id } });
      expect(texts).not.toContain('cy must not see this');
      expect(codeOf(await send(cy, 'no'))).toBe('NOT_FOUND');
    });

    it('lets a member removed while away resume up to their own MemberLeft, and refuses them after it', async () => {
      const dee = await signUp(t.writer, 'dee');
      const add = `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`;
      await gql(t.writer, add, { c: group, u: [dee.id] }, ana.token);
      const seen = await lastSeq(dee);
      await send(ana, 'while dee was away');
      const remove = `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { id } }`;
      await gql(t.writer, remove, { c: group, u: dee.id }, ana.token);
      await send(ana, 'dee must not see this');
      const r = follow(dee, group, seen);
      await r.ended(15_000);
      expect(r.events.map((e) => e.message?.text ?? e.__typename)).toEqual(['while dee was away', 'MemberLeft']);
      const after = follow(dee, group, r.events.at(-1)!.seq);
      await after.ended(15_000);
      expect(firstCode(after)).toBe('NOT_FOUND');
    });
  });
});
