import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDomain, type TestDomain } from '../../test/test-domain';
import type { Conversation } from '../conversations/conversation.model';

describe('editing and deleting messages', () => {
  let d: TestDomain;
  let ana: string;
  let ben: string;
  let cy: string;
  let group: Conversation;
  beforeEach(async () => {
    d = createTestDomain();
    [ana, ben, cy] = [await d.user('ana'), await d.user('ben'), await d.user('cy')];
    group = await d.conversations.createGroup(ana, { title: 'G', memberIds: [ben, cy] });
  });
  afterEach(() => d.dispose());

  const send = (from: string, text: string, conversationId = group.id) =>
    d.messages.send(from, { conversationId, clientMessageId: randomUUID(), text });
  const types = async () => (await d.storedEvents(group.id)).map((e) => e.type);

  describe('edit', () => {
    it('replaces the text, sets editedAt, re-reads mentions and emits one MessageUpdated', async () => {
      const m = await send(ben, 'helo');
      const [cyUser] = await d.userStore.findByIds([cy]);
      const edited = await d.messageEdits.edit(ben, m.id, `hello @${cyUser!.username}`);
      expect(edited).toMatchObject({ id: m.id, seq: m.seq, text: `hello @${cyUser!.username}`, mentionIds: [cy] });
      expect(edited.editedAt).not.toBeNull();
      const last = (await d.storedEvents(group.id)).at(-1)!;
      expect(last).toMatchObject({ type: 'MessageUpdated', message: { id: m.id, editedAt: edited.editedAt } });
      expect(last.type === 'MessageUpdated' && last.message.mentions?.map((u) => u.id)).toEqual([cy]);
    });

    it('changes nothing and emits nothing for the same text', async () => {
      const m = await send(ben, 'same');
      const before = await types();
      expect((await d.messageEdits.edit(ben, m.id, ' same ')).editedAt).toBeNull();
      expect(await types()).toEqual(before);
    });

    it('refuses others’ messages (system ones have no sender), deleted messages, bad text and outsiders', async () => {
      const m = await send(ben, 'mine');
      const outsider = await d.user('out');
      await expect(d.messageEdits.edit(ana, m.id, 'x')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(d.messageEdits.edit(outsider, m.id, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(d.messageEdits.edit(ben, m.id, '  ')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      const [created] = (await d.history(ana)).messages;
      await expect(d.messageEdits.edit(ana, created!.id, 'x')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await d.messageEdits.delete(ben, m.id, true);
      await expect(d.messageEdits.edit(ben, m.id, 'again')).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { messageId: 'the message was deleted' },
      });
    });
  });

  describe('delete', () => {
    it('leaves a tombstone for everyone and erases the text from stored events too', async () => {
      const m = await send(ben, 'secret plan');
      await d.reactions.add(cy, m.id, '👍');
      const reply = await d.messages.send(cy, {
        conversationId: group.id,
        clientMessageId: randomUUID(),
        text: 'ok',
        replyToId: m.id,
      });
      const deleted = await d.messageEdits.delete(ben, m.id, true);
      expect(deleted).toMatchObject({ text: null, reactions: [], mentionIds: [] });
      expect(deleted.deletedAt).not.toBeNull();
      expect(JSON.stringify(await d.storedEvents(group.id))).not.toContain('secret plan');
      expect(JSON.stringify(await d.store.getMessages([m.id, reply.id]))).not.toContain('secret plan');
      expect((await d.store.reactionsBy(cy, [m.id])).size).toBe(0);
    });

    it('lets group owners and admins delete others’ messages, not members, and never in a DM', async () => {
      const m = await send(ben, 'spam');
      await expect(d.messageEdits.delete(cy, m.id, true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await d.conversations.setRole(ana, group.id, cy, 'ADMIN');
      expect((await d.messageEdits.delete(cy, m.id, true)).deletedAt).not.toBeNull();
      const dm = await d.conversations.openDirect(ana, ben);
      const inDm = await send(ben, 'hi', dm.id);
      await expect(d.messageEdits.delete(ana, inDm.id, true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('deleting twice emits one event', async () => {
      const m = await send(ben, 'x');
      await d.messageEdits.delete(ben, m.id, true);
      const after = await types();
      await d.messageEdits.delete(ben, m.id, true);
      expect(await types()).toEqual(after);
    });

    it('for me only: hidden from my history and unread count, no event, others unaffected', async () => {
      const m = await send(ben, 'noise');
      const before = await types();
      await d.messageEdits.delete(ana, m.id, false);
      expect(await types()).toEqual(before);
      expect((await d.history(ana)).messages.map((x) => x.id)).not.toContain(m.id);
      expect((await d.history(cy)).messages.map((x) => x.id)).toContain(m.id);
      expect((await d.store.unreadCounts(ana, [group.id])).get(group.id)?.messages).toBe(0);
      expect((await d.store.unreadCounts(cy, [group.id])).get(group.id)?.messages).toBe(1);
    });
  });
});
