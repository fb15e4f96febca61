import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetParleyDb, type OutboxEntry } from '../../src/offline/offline.db';
import { Outbox, type SendOutcome } from '../../src/outbox/outbox.queue';
import { idbOutboxStorage } from '../../src/outbox/outbox.storage';

interface Sent {
  clientMessageId: string;
  text: string;
}

/** A fake server that dedups by clientMessageId like the real one, and can be switched offline. */
function fakeServer() {
  const stored = new Map<string, Sent>();
  const attempts: string[] = [];
  let online = true;
  let rejectNext: string | null = null;
  return {
    stored,
    attempts,
    setOnline: (value: boolean) => {
      online = value;
    },
    rejectNextWith: (reason: string) => {
      rejectNext = reason;
    },
    send: async (entry: OutboxEntry): Promise<SendOutcome<Sent>> => {
      attempts.push(entry.clientMessageId);
      if (!online) return { ok: false, transient: true, error: 'offline' };
      if (rejectNext) {
        const error = rejectNext;
        rejectNext = null;
        return { ok: false, transient: false, error };
      }
      const existing = stored.get(entry.clientMessageId);
      if (existing) return { ok: true, message: existing };
      const message = { clientMessageId: entry.clientMessageId, text: entry.text };
      stored.set(entry.clientMessageId, message);
      return { ok: true, message };
    },
  };
}

const draft = (text: string) => ({ conversationId: 'c1', senderId: 'u1', text, replyToId: null });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  resetParleyDb();
});

describe('Outbox', () => {
  it('sends queued messages in the order they were written', async () => {
    const server = fakeServer();
    const delivered: string[] = [];
    const outbox = new Outbox(idbOutboxStorage(), server.send, (_e, m) => delivered.push(m.text));
    await outbox.enqueue(draft('one'));
    await outbox.enqueue(draft('two'));
    await outbox.flush();
    expect(delivered).toEqual(['one', 'two']);
    expect(outbox.entries.value).toHaveLength(0);
  });

  it('keeps messages written offline and sends each exactly once, in order, when back online', async () => {
    const server = fakeServer();
    server.setOnline(false);
    const outbox = new Outbox(idbOutboxStorage(), server.send);
    const first = await outbox.enqueue(draft('first'));
    const second = await outbox.enqueue(draft('second'));
    await outbox.flush();
    await outbox.flush();
    expect(outbox.entries.value.map((e) => e.status)).toEqual(['pending', 'pending']);
    // The second never overtakes the first while the first cannot be sent.
    expect(server.attempts.every((id) => id === first.clientMessageId)).toBe(true);

    server.setOnline(true);
    await Promise.all([outbox.flush(), outbox.flush()]);
    expect([...server.stored.values()].map((m) => m.text)).toEqual(['first', 'second']);
    expect(new Set(server.attempts)).toEqual(new Set([first.clientMessageId, second.clientMessageId]));
  });

  it('survives a reload: a new outbox over the same database resumes the pending messages', async () => {
    const server = fakeServer();
    server.setOnline(false);
    const before = new Outbox(idbOutboxStorage(), server.send);
    const entry = await before.enqueue(draft('written offline'));
    await before.flush();

    const after = new Outbox(idbOutboxStorage(), server.send);
    await after.load();
    expect(after.entries.value.map((e) => e.clientMessageId)).toEqual([entry.clientMessageId]);
    server.setOnline(true);
    await after.flush();
    expect([...server.stored.keys()]).toEqual([entry.clientMessageId]);
    const again = new Outbox(idbOutboxStorage(), server.send);
    await again.load();
    expect(again.entries.value).toHaveLength(0);
  });

  it('marks a rejected message as failed and retries it with the same clientMessageId', async () => {
    const server = fakeServer();
    server.rejectNextWith('Message is too long');
    const outbox = new Outbox(idbOutboxStorage(), server.send);
    const entry = await outbox.enqueue(draft('hello'));
    await outbox.flush();
    expect(outbox.entries.value[0]).toMatchObject({ status: 'failed', error: 'Message is too long' });

    await outbox.retry(entry.clientMessageId);
    expect(outbox.entries.value).toHaveLength(0);
    expect(server.attempts).toEqual([entry.clientMessageId, entry.clientMessageId]);
    expect(server.stored.size).toBe(1);
  });

  it('does not duplicate a message whose answer was lost: the retry returns the original', async () => {
    const server = fakeServer();
    let loseAnswer = true;
    const send = async (entry: OutboxEntry): Promise<SendOutcome<Sent>> => {
      const outcome = await server.send(entry);
      if (loseAnswer) {
        loseAnswer = false;
        return { ok: false, transient: true, error: 'connection reset' };
      }
      return outcome;
    };
    const outbox = new Outbox(idbOutboxStorage(), send);
    await outbox.enqueue(draft('once'));
    await outbox.flush();
    expect(outbox.entries.value).toHaveLength(1);
    await outbox.flush();
    expect(outbox.entries.value).toHaveLength(0);
    expect(server.stored.size).toBe(1);
  });

  it('gives up on the messages to a conversation the sender was removed from, and still sends the others', async () => {
    const server = fakeServer();
    server.setOnline(false);
    const outbox = new Outbox(idbOutboxStorage(), server.send);
    await outbox.enqueue(draft('to the group'));
    await outbox.enqueue({ ...draft('elsewhere'), conversationId: 'c2' });
    await outbox.flush();
    await outbox.failConversation('c1', 'You are no longer a member');
    const states = (o: typeof outbox) => o.entries.value.map((e) => [e.text, e.status, e.error]);
    expect(states(outbox)).toEqual([
      ['to the group', 'failed', 'You are no longer a member'],
      ['elsewhere', 'pending', undefined],
    ]);

    const given = outbox.entries.value[0]?.clientMessageId;
    const tried = server.attempts.length;
    server.setOnline(true);
    await outbox.flush();
    expect([...server.stored.values()].map((m) => m.text)).toEqual(['elsewhere']);
    // No retry loop picks it up again, after a reload either.
    const after = new Outbox(idbOutboxStorage(), server.send);
    await after.load();
    await after.flush();
    expect(states(after)).toEqual([['to the group', 'failed', 'You are no longer a member']]);
    expect(server.attempts.slice(tried)).not.toContain(given);
  });
});
