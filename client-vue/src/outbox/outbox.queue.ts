import { shallowRef, type Ref } from 'vue';
import type { OutboxEntry } from '../offline/offline.db';

export interface OutboxStorage {
  list(): Promise<OutboxEntry[]>;
  add(entry: OutboxEntry): Promise<OutboxEntry>;
  update(entry: OutboxEntry): Promise<void>;
  remove(localId: number): Promise<void>;
}

export type SendOutcome<TMessage> = { ok: true; message: TMessage } | { ok: false; transient: boolean; error: string };

export type NewOutboxEntry = Pick<
  OutboxEntry,
  'conversationId' | 'senderId' | 'text' | 'replyToId' | 'format' | 'threadRootId' | 'attachments' | 'location'
> & {
  clientMessageId?: string;
};

/**
 * Messages waiting to reach the server, persisted so they survive reloads and offline periods.
 * Entries are sent one at a time in the order they were written; each keeps its clientMessageId on
 * every attempt, so the server's idempotent send turns retries into exactly one message.
 */
export class Outbox<TMessage> {
  readonly entries: Ref<readonly OutboxEntry[]> = shallowRef([]);
  private flushing: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly storage: OutboxStorage,
    private readonly send: (entry: OutboxEntry) => Promise<SendOutcome<TMessage>>,
    private readonly onSent: (entry: OutboxEntry, message: TMessage) => void = () => undefined,
  ) {}

  async load(): Promise<void> {
    this.entries.value = sortEntries(await this.storage.list());
  }

  async enqueue(input: NewOutboxEntry): Promise<OutboxEntry> {
    const entry = await this.storage.add({
      ...input,
      clientMessageId: input.clientMessageId ?? crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      status: 'pending',
    });
    this.entries.value = sortEntries([...this.entries.value, entry]);
    void this.flush();
    return entry;
  }

  async retry(clientMessageId: string): Promise<void> {
    const entry = this.entries.value.find((e) => e.clientMessageId === clientMessageId);
    if (!entry) return;
    const next: OutboxEntry = { ...entry, status: 'pending', error: undefined };
    // A refused upload may have expired: send its bytes again rather than its id.
    if (entry.attachments) {
      next.attachments = entry.attachments.map((a) =>
        a.error ? { ...a, error: undefined, uploadId: undefined, uploadExpiresAt: undefined } : a,
      );
    }
    await this.storage.update(next);
    this.replace(next);
    await this.flush();
  }

  async discard(clientMessageId: string): Promise<void> {
    const entry = this.entries.value.find((e) => e.clientMessageId === clientMessageId);
    if (entry?.localId === undefined) return;
    await this.storage.remove(entry.localId);
    this.entries.value = this.entries.value.filter((e) => e !== entry);
  }

  /**
   * Gives up on every message to a conversation the sender can no longer write to (they were removed): retrying
   * cannot succeed, so each is marked failed with `reason` and waits for the user to delete it.
   */
  async failConversation(conversationId: string, reason: string): Promise<void> {
    const stuck = this.entries.value.filter(
      (e) => e.conversationId === conversationId && (e.status !== 'failed' || e.error !== reason),
    );
    for (const entry of stuck) {
      const failed: OutboxEntry = { ...entry, status: 'failed', error: reason };
      await this.storage.update(failed);
      this.replace(failed);
    }
  }

  /**
   * Changes a waiting entry (an upload done, a file removed); `change` returning null discards it. The new
   * entry is in place before it is written, so two changes in a row never undo each other.
   */
  async patch(clientMessageId: string, change: (entry: OutboxEntry) => OutboxEntry | null): Promise<void> {
    const entry = this.find(clientMessageId);
    if (!entry) return;
    const next = change(entry);
    if (!next) {
      await this.discard(clientMessageId);
      return;
    }
    this.replace(next);
    await this.storage.update(next);
  }

  find(clientMessageId: string): OutboxEntry | undefined {
    return this.entries.value.find((e) => e.clientMessageId === clientMessageId);
  }

  pendingCount(): number {
    return this.entries.value.filter((e) => e.status === 'pending').length;
  }

  /** Sends pending entries in order; concurrent calls join the running flush and trigger one more pass. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const entry = this.entries.value.find((e) => e.status === 'pending');
        if (!entry) break;
        const outcome = await this.send(entry);
        // Discarded while it was being sent (the user removed its last file): nothing to record.
        const current = this.find(entry.clientMessageId);
        if (outcome.ok) {
          if (entry.localId !== undefined) await this.storage.remove(entry.localId);
          this.entries.value = this.entries.value.filter((e) => e.clientMessageId !== entry.clientMessageId);
          this.onSent(entry, outcome.message);
        } else if (!current) {
          continue;
        } else if (outcome.transient) {
          // Later entries wait too: sending them now would put them before this one.
          return;
        } else {
          // The entry as it is now: uploads may have changed it while it was being sent.
          const failed: OutboxEntry = { ...current, status: 'failed', error: outcome.error };
          await this.storage.update(failed);
          this.replace(failed);
        }
      }
    } while (this.again);
  }

  private replace(entry: OutboxEntry): void {
    this.entries.value = this.entries.value.map((e) => (e.clientMessageId === entry.clientMessageId ? entry : e));
  }
}

function sortEntries(entries: OutboxEntry[]): OutboxEntry[] {
  return [...entries].sort((a, b) => (a.localId ?? 0) - (b.localId ?? 0));
}
