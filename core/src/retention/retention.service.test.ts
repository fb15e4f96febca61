import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../attachments/attachment.model';
import { createAuditTrail } from '../audit/audit-trail';
import type { EventPublisher } from '../events/event-publisher';
import { createMemoryAuditLog, createMemoryConversationStore, createMemoryUserStore } from '../memory';
import type { ConversationTx } from '../ports/conversation.store';
import { createRetention } from './retention.service';

const file = (): Attachment => ({
  id: randomUUID(),
  kind: 'FILE',
  filename: 'a.pdf',
  contentType: 'application/pdf',
  byteSize: 10,
  blobKey: `uploads/${randomUUID()}`,
  thumbnailKey: null,
  width: null,
  height: null,
  durationMs: null,
});

const append = (tx: ConversationTx, attachments: Attachment[] = []) =>
  tx.appendMessage({
    id: randomUUID(),
    clientMessageId: randomUUID(),
    senderId: 'u1',
    kind: attachments.length ? 'MEDIA' : 'TEXT',
    text: 'hello',
    format: 'PLAIN',
    replyToId: null,
    threadRootId: null,
    forwardedFrom: null,
    mentionIds: [],
    attachments,
    location: null,
    sender: null,
    replyTo: null,
    mentions: [],
  });

describe('retention runs', () => {
  async function setup(serverDays: number | null) {
    const store = createMemoryConversationStore();
    const log = createMemoryAuditLog();
    const discard = vi.fn(async () => undefined);
    const group = async (days: number | null, messages: number, withFiles = 0) => {
      const id = randomUUID();
      const at = new Date().toISOString();
      await store.create(
        { id, kind: 'GROUP', title: 'g', description: null, createdAt: at, directKey: null },
        [{ userId: 'u1', role: 'OWNER' }],
        async (tx) => {
          await tx.updateConversation({ retentionDays: days });
          for (let i = 0; i < messages; i++) await append(tx, i < withFiles ? [file()] : []);
        },
      );
      return id;
    };
    const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000);
    const retention = createRetention({
      store,
      users: createMemoryUserStore(),
      publisher: { publish: vi.fn() } as unknown as EventPublisher,
      attachments: { discard },
      audit: createAuditTrail(log, (err) => {
        throw err;
      }),
      isAdmin: async (id) => id === 'admin',
      serverDays,
      now: inTwoDays,
    });
    return { store, log, discard, group, retention };
  }

  it('empties a conversation past its retention in batches, removes the files, and leaves others alone', async () => {
    const { store, log, discard, group, retention } = await setup(null);
    const expiring = await group(1, 1203, 3);
    const kept = await group(null, 5);
    const longer = await group(3, 4);
    expect(await retention.run()).toEqual({ conversations: 1, messages: 1203, files: 3 });
    expect(await store.history(expiring, { limit: 10 })).toMatchObject({ messages: [] });
    expect((await store.history(kept, { limit: 10 })).messages).toHaveLength(5);
    expect((await store.history(longer, { limit: 10 })).messages).toHaveLength(4);
    expect(discard.mock.calls.flat(2)).toHaveLength(3);
    // Every event stays (replay remains gap-free), without content.
    const events = await store.eventsAfter(expiring, 0, 2000);
    expect(events).toHaveLength(1203);
    expect(events.every((e) => e.type === 'MessageAdded' && e.message.text === null)).toBe(true);
    const [entry] = await log.list({ action: 'retention.run' }, 10, null);
    expect(entry).toMatchObject({ actorId: null, details: { conversations: 1, messages: 1203, files: 3 } });
    expect(await retention.run()).toEqual({ conversations: 0, messages: 0, files: 0 });
    expect(await log.list({ action: 'retention.run' }, 10, null)).toHaveLength(1);
  });

  it('applies the server’s days to conversations without their own, and the shorter of both', async () => {
    const { store, group, retention } = await setup(1);
    const [none, longer] = [await group(null, 2), await group(30, 2)];
    expect(retention.effectiveDays({ retentionDays: 30 })).toBe(1);
    expect(retention.effectiveDays({ retentionDays: null })).toBe(1);
    await retention.schedule(); // no job queue: runs at once
    expect((await store.history(none, { limit: 10 })).messages).toEqual([]);
    expect((await store.history(longer, { limit: 10 })).messages).toEqual([]);
    await expect(retention.runNow('someone')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await retention.runNow('admin')).toBe(true);
  });
});
