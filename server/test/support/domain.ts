import { randomUUID } from 'node:crypto';
import { createMemoryConversationStore } from '../../src/adapters/memory/conversation.store';
import { createMemoryEventBus } from '../../src/adapters/memory/event.bus';
import { createMemoryUserStore } from '../../src/adapters/memory/user.store';
import type { ConversationEvent } from '../../src/domain/chat.model';
import { createConversationFeeds } from '../../src/domain/conversation-feeds';
import { createConversationService } from '../../src/domain/conversation.service';
import { createEventPublisher } from '../../src/domain/event-publisher';
import { createMessageService } from '../../src/domain/message.service';
import type { ConversationStore } from '../../src/ports/conversation.store';
import type { EventBus } from '../../src/ports/event.bus';

/** Options of {@link createTestDomain}. */
export interface TestDomainOptions {
  /** @default a memory store */
  store?: ConversationStore;
  /** @default an in-process bus */
  bus?: EventBus;
  /** @default 1000 */
  replayLimit?: number;
  /** @default 20 */
  gapFillDelayMs?: number;
}

/** The messaging domain wired as in `app.ts`, on memory adapters. */
export function createTestDomain(o: TestDomainOptions = {}) {
  const store = o.store ?? createMemoryConversationStore();
  const bus = o.bus ?? createMemoryEventBus();
  const users = createMemoryUserStore();
  const errors: unknown[] = [];
  const onError = (err: unknown) => void errors.push(err);
  const feeds = createConversationFeeds({ bus, store, gapFillDelayMs: o.gapFillDelayMs ?? 20, onError });
  const publisher = createEventPublisher(bus, feeds, onError);
  const conversations = createConversationService({ store, users, publisher });
  const messages = createMessageService({ store, users, bus, publisher, feeds, replayLimit: o.replayLimit ?? 1000 });
  return {
    store,
    bus,
    users,
    feeds,
    publisher,
    conversations,
    messages,
    /** Errors reported by feeds and the publisher. */
    errors,
    /** Registers a user and returns their id. */
    async user(name = 'user'): Promise<string> {
      const id = randomUUID();
      await users.create({ id, username: `${name}_${id.slice(0, 8)}`, displayName: name, passwordHash: 'x' });
      return id;
    },
    /** Every stored event of a conversation. */
    events: (conversationId: string) => store.eventsAfter(conversationId, 0, 100_000),
    async dispose() {
      feeds.dispose();
      await bus.dispose();
    },
  };
}

/** The wired test domain. */
export type TestDomain = ReturnType<typeof createTestDomain>;

/** Reads `n` events from a stream, failing after `timeoutMs`. */
export async function take(
  stream: AsyncIterator<ConversationEvent>,
  n: number,
  timeoutMs = 2000,
): Promise<ConversationEvent[]> {
  const out: ConversationEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < n) {
    const left = deadline - Date.now();
    const r = await Promise.race([
      stream.next(),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, left))),
    ]);
    if (r === 'timeout') throw new Error(`timed out after ${out.length} of ${n} events`);
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

/** Resolves with the stream's next result, or 'idle' if nothing arrives within `ms`. */
export async function nextOrIdle(stream: AsyncIterator<ConversationEvent>, ms = 50) {
  return Promise.race([stream.next(), new Promise<'idle'>((resolve) => setTimeout(() => resolve('idle'), ms))]);
}
