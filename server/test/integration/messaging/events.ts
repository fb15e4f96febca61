import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../support/app';
import { gql, record, until, wsClient } from '../../support/client';
import { signUp } from '../../support/users';
import { CONV_EVENTS, ENV, INBOX_EVENTS, type MessagingSuite, subCode } from './fixture';

/**
 * Conversation and inbox event subscriptions: resuming with afterSeq, following membership changes,
 * and the replay limit.
 */
export function eventTests(suite: MessagingSuite): void {
  const { mode, clients, call, ok, ws, users, openDirect, createGroup, send, conv, allMessages } = suite;

  describe('events', () => {
    it('resumes with afterSeq and converges to exactly the state of a fresh fetch', async () => {
      const [owner, bob, carol, dan] = await users(4, 'r');
      const g = await createGroup(owner!, 'Resume', [bob!.id, carol!.id]);
      await send(bob!, g.id, 'one');
      const snapshot = async () => {
        const c = await conv(
          bob!,
          g.id,
          'lastSeq title description memberCount members(first: 200) { role user { id } }',
        );
        return {
          lastSeq: c.lastSeq as number,
          title: c.title,
          description: c.description,
          members: new Map<string, string>(c.members.map((m: any) => [m.user.id, m.role])),
          messages: new Map<string, any>((await allMessages(bob!, g.id)).map((m) => [m.id, m])),
        };
      };
      // The client's state: a snapshot, then events applied.
      const state = await snapshot();
      const apply = (e: any) => {
        expect(e.seq).toBe(state.lastSeq + 1);
        state.lastSeq = e.seq;
        switch (e.__typename) {
          case 'MessageAdded':
          case 'MessageUpdated':
            state.messages.set(e.message.id, e.message);
            break;
          case 'MemberJoined':
          case 'MemberUpdated':
            state.members.set(e.member.user.id, e.member.role);
            break;
          case 'MemberLeft':
            state.members.delete(e.user.id);
            break;
          case 'ConversationUpdated':
            state.title = e.conversation.title;
            state.description = e.conversation.description;
            break;
        }
      };
      const c1 = ws(bob!);
      const live = record(c1, CONV_EVENTS, { c: g.id, a: state.lastSeq }, 'conversationEvents');
      await send(owner!, g.id, 'two');
      await live.waitFor(1);
      live.events.forEach(apply);
      await c1.dispose();

      // While disconnected, everything kind of change happens.
      await send(carol!, g.id, 'three');
      await call(owner, `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`, {
        c: g.id,
        u: [dan!.id],
      });
      await call(
        owner,
        `mutation($c: ID!, $u: ID!) { setMemberRole(conversationId: $c, userId: $u, role: ADMIN) { role } }`,
        {
          c: g.id,
          u: carol!.id,
        },
      );
      await call(owner, `mutation($i: UpdateConversationInput!) { updateConversation(input: $i) { id } }`, {
        i: { conversationId: g.id, title: 'Renamed', description: 'desc' },
      });
      await call(carol, `mutation($c: ID!, $u: ID!) { removeMember(conversationId: $c, userId: $u) { id } }`, {
        c: g.id,
        u: dan!.id,
      });
      await Promise.all(Array.from({ length: 10 }, (_, i) => send([owner!, carol!][i % 2]!, g.id, `burst ${i}`)));

      const resumed = record(ws(bob!), CONV_EVENTS, { c: g.id, a: state.lastSeq }, 'conversationEvents');
      // A message sent while the replay runs must be neither lost nor doubled at the switch.
      const racing = send(owner!, g.id, 'during replay');
      const fresh0 = await racing;
      await until(() => resumed.events.some((e: any) => e.seq === fresh0.seq) || resumed.errors.length > 0);
      expect(resumed.errors).toEqual([]);
      resumed.events.forEach(apply);

      const fresh = await snapshot();
      expect(state.lastSeq).toBe(fresh.lastSeq);
      expect(state.title).toBe('Renamed');
      expect({ ...state, messages: [...state.messages.values()], members: [...state.members].sort() }).toEqual({
        ...fresh,
        messages: [...fresh.messages.values()],
        members: [...fresh.members].sort(),
      });
    });

    it('inboxEvents follows conversations the viewer is added to after subscribing and stops those they leave', async () => {
      const [me, a, b] = await users(3, 'in');
      const direct = await openDirect(a!, me!.id);
      const inbox = record(ws(me!), INBOX_EVENTS, {}, 'inboxEvents');
      // The subscription is live once a ping in an existing conversation arrives.
      for (let i = 0; !inbox.events.some((e: any) => e.conversationId === direct.id); i++) {
        expect(i).toBeLessThan(40);
        await send(a!, direct.id, `ping ${i}`);
        await until(() => inbox.events.some((e: any) => e.conversationId === direct.id), 500).catch(() => undefined);
      }

      const g1 = await createGroup(a!, 'Later', [me!.id]);
      const g2 = await createGroup(b!, 'Added', []);
      await ok(
        call(b, `mutation($c: ID!, $u: [ID!]!) { addMembers(conversationId: $c, userIds: $u) { id } }`, {
          c: g2.id,
          u: [me!.id],
        }),
        'addMembers',
      );
      await send(a!, g1.id, 'in g1');
      await send(b!, g2.id, 'in g2');
      await until(() => ['in g1', 'in g2'].every((t) => inbox.events.some((e: any) => e.message?.text === t)));
      const forG2 = inbox.events.filter((e: any) => e.conversationId === g2.id);
      expect(forG2[0]).toMatchObject({ __typename: 'MemberJoined', member: { user: { id: me!.id } } });

      await ok(
        call(me, `mutation($c: ID!) { leaveConversation(conversationId: $c) }`, { c: g1.id }),
        'leaveConversation',
      );
      await until(() => inbox.events.some((e: any) => e.__typename === 'MemberLeft' && e.conversationId === g1.id));
      await send(a!, g1.id, 'after I left');
      await send(a!, direct.id, 'still here');
      await until(() => inbox.events.some((e: any) => e.message?.text === 'still here'));
      expect(inbox.errors).toEqual([]);
      expect(inbox.completed).toBe(false);
      expect(JSON.stringify(inbox.events)).not.toContain('after I left');
      // Per conversation: gap-free ascending seqs.
      for (const id of [direct.id, g1.id, g2.id]) {
        const seqs = inbox.events.filter((e: any) => e.conversationId === id).map((e: any) => e.seq);
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe(seqs[i - 1] + 1);
      }
      const g1Events = inbox.events.filter((e: any) => e.conversationId === g1.id);
      expect(g1Events[g1Events.length - 1]).toMatchObject({ __typename: 'MemberLeft', user: { id: me!.id } });
    });

    it('refuses a negative afterSeq', async () => {
      const [a, b] = await users(2);
      const c = await openDirect(a!, b!.id);
      const sub = record(ws(a!), CONV_EVENTS, { c: c.id, a: -1 }, 'conversationEvents');
      await sub.ended();
      expect(subCode(sub)).toBe('BAD_USER_INPUT');
    });
  });

  describe('replay limit', () => {
    const small = useTestApp(mode, { ...ENV, REPLAY_LIMIT: '5' }, 180_000);

    it('ends with RESYNC_REQUIRED when afterSeq is further behind than the replay limit', async () => {
      const [a, b] = await Promise.all([signUp(small.url, 'rl'), signUp(small.url, 'rl')]);
      const open = await gql(
        small.url,
        `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`,
        { u: b.id },
        a.token,
      );
      const id = open.data!['openDirectConversation'].id;
      for (let i = 1; i <= 8; i++) {
        const r = await gql(
          small.url,
          `mutation($i: SendMessageInput!) { sendMessage(input: $i) { seq } }`,
          { i: { conversationId: id, clientMessageId: `k${i}`, text: `m${i}` } },
          a.token,
        );
        expect(r.data?.['sendMessage'].seq).toBe(i);
      }
      const client = wsClient(small.url, b.token);
      clients.push(client);
      const tooFar = record(client, CONV_EVENTS, { c: id, a: 2 }, 'conversationEvents');
      await tooFar.ended();
      expect(subCode(tooFar)).toBe('RESYNC_REQUIRED');
      expect(tooFar.events).toEqual([]);
      const within = record(client, CONV_EVENTS, { c: id, a: 3 }, 'conversationEvents');
      await within.waitFor(5);
      expect(within.events.map((e: any) => e.seq)).toEqual([4, 5, 6, 7, 8]);
      expect(within.errors).toEqual([]);
    });
  });
}
