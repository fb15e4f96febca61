import { randomUUID } from 'node:crypto';
import { createDomain } from '../src/domain';
import type { ConversationEvent } from '../src/events/event.model';
import {
  createMemoryConversationStore,
  createMemoryCredentialStores,
  createMemoryEventBus,
  createMemoryPresenceSettingsStore,
  createMemoryPresenceStore,
  createMemoryUserStore,
} from '../src/memory';
import type { ConversationStore } from '../src/ports/conversation.store';
import type { EventBus } from '../src/ports/event.bus';
import type { PasswordHasher } from '../src/ports/password-hasher';

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

// Hashing is the argon2 adapter's business; here a password only has to match itself.
const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (hash, password) => hash === `plain:${password}`,
};

/** The whole domain, wired by `createDomain` as the server wires it, on memory adapters. */
export function createTestDomain(o: TestDomainOptions = {}) {
  const store = o.store ?? createMemoryConversationStore();
  const bus = o.bus ?? createMemoryEventBus();
  const users = createMemoryUserStore();
  const errors: unknown[] = [];
  const domain = createDomain(
    {
      users,
      ...createMemoryCredentialStores(),
      conversations: store,
      presence: createMemoryPresenceStore(),
      presenceSettings: createMemoryPresenceSettingsStore(users, store),
      bus,
      hasher: plainHasher,
    },
    {
      jwtSecret: 'test-secret-test-secret-test-secret-0123',
      nodeId: randomUUID(),
      replayLimit: o.replayLimit ?? 1000,
      gapFillDelayMs: o.gapFillDelayMs ?? 20,
      onError: (err) => void errors.push(err),
    },
  );
  return {
    ...domain,
    store,
    bus,
    /** The user store (the user service is `domain.users`). */
    userStore: users,
    /** Errors reported by background delivery. */
    errors,
    /** Registers a user and returns their id. */
    async user(name = 'user'): Promise<string> {
      const id = randomUUID();
      await users.create({ id, username: `${name}_${id.slice(0, 8)}`, displayName: name, passwordHash: 'x' });
      return id;
    },
    /** The newest page of a conversation's history as `viewerId` sees it (the group created first by default). */
    history: async (viewerId: string, conversationId?: string) => {
      const id = conversationId ?? (await store.conversationIdsOf(viewerId))[0]!;
      return domain.messages.history(viewerId, { conversationId: id, limit: 200 });
    },
    /** Every stored event of a conversation. */
    storedEvents: (conversationId: string) => store.eventsAfter(conversationId, 0, 100_000),
    async dispose() {
      await domain.dispose();
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
