import { describe, expect, it } from 'vitest';
import { until } from '../support/client';
import { failure, ok, useChatApp, type ChatHarness } from '../support/chat';
import { TEST_DATABASE_URL } from '../support/databases';

const EXPORT = `mutation { exportMyData { id status url } }`;
const LATEST = `{ myDataExport { id status url byteSize readyAt } }`;

describe.each(['pglite', 'postgres'] as const)('my data (%s)', (mode) => {
  describe.skipIf(mode === 'postgres' && !TEST_DATABASE_URL)('', () => {
    const t: ChatHarness = useChatApp(mode);

    it('prepares a copy of my data in the background: my messages and reactions, nobody else’s words', async () => {
      const [ana, ben] = await t.users(2);
      const g = await t.group(ana!, [ben!], 'Trip');
      const mine = await t.send(ana!, g, 'my own words');
      await t.send(ben!, g, 'ben private words');
      await ok(t.react(ana!, mine.id, '👍'));
      const started = await ok(t.call(ana!, EXPORT));
      expect(started).toMatchObject({ status: 'PENDING', url: null });
      // One at a time: asking again while pending answers the same export.
      expect((await ok(t.call(ana!, EXPORT))).id).toBe(started.id);
      await until(async () => (await ok(t.call(ana!, LATEST))).status === 'READY', 20_000);
      const ready = await ok(t.call(ana!, LATEST));
      const url = ready.url.startsWith('http') ? ready.url : t.app().url + ready.url;
      const res = await fetch(url);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''parley-data-/);
      const archive = JSON.parse(await res.text());
      expect(archive.profile).toMatchObject({ id: ana!.id, username: ana!.username });
      const trip = archive.conversations.find((c: any) => c.id === g);
      expect(trip).toMatchObject({ kind: 'GROUP', title: 'Trip', role: 'OWNER' });
      expect(trip.messages).toEqual([
        expect.objectContaining({ id: mine.id, text: 'my own words', myReactions: ['👍'] }),
      ]);
      expect(JSON.stringify(archive)).not.toContain('ben private words');
      expect(await ok(t.call(ben!, LATEST))).toBeNull();
    });

    it('deletes my account with my password: sessions end, groups are left, my messages say "Deleted user"', async () => {
      const [ana, ben] = await t.users(2);
      const g = await t.group(ben!, [ana!], 'Club');
      const dm = await t.direct(ana!, ben!);
      await t.send(ana!, dm, 'see you');
      expect((await failure(t.call(ana!, `mutation { deleteMyAccount(password: "wrong password") }`))).code).toBe(
        'UNAUTHENTICATED',
      );
      expect(await ok(t.call(ana!, `mutation { deleteMyAccount(password: "correct horse") }`))).toBe(true);
      expect((await failure(t.call(ana!, `{ me { id } }`))).code).toBe('UNAUTHENTICATED');
      const logIn = await t.call(
        undefined,
        `mutation($u: String!) { logIn(input: { username: $u, password: "correct horse" }) { accessToken } }`,
        { u: ana!.username },
      );
      expect(logIn.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      const members = await t.conversation(ben!, g, 'memberCount');
      expect(members.memberCount).toBe(1);
      const timeline = await t.timeline(ben!, dm);
      expect(timeline.find((m) => m.text === 'see you').sender).toEqual({ id: ana!.id });
      const shown = await ok(
        t.call(
          ben!,
          `query($c: ID!) { messages(conversationId: $c, limit: 5) { messages { text sender { displayName username } } } }`,
          { c: dm },
        ),
      );
      expect(shown.messages.find((m: any) => m.text === 'see you').sender).toMatchObject({
        displayName: 'Deleted user',
      });
    });
  });
});
