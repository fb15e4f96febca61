import { randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import { createDomain } from '../src/domain';
import type { ConversationEvent } from '../src/events/event.model';
import {
  createMemoryBlockStore,
  createMemoryConversationStore,
  createMemoryCredentialStores,
  createMemoryEventBus,
  createMemoryPresenceSettingsStore,
  createMemoryPresenceStore,
  createMemoryUploadStore,
  createMemoryUserStore,
} from '../src/memory';
import type { BlobStore } from '../src/ports/blob.store';
import type { MediaInspector } from '../src/ports/media-inspector';
import type { ConversationStore } from '../src/ports/conversation.store';
import type { EventBus } from '../src/ports/event.bus';
import type { PasswordHasher } from '../src/ports/password-hasher';
import type { RateLimiterFactory } from '../src/ports/rate-limiter';
import type { UserStore } from '../src/ports/user.store';

/** Options of {@link createTestDomain}. */
export interface TestDomainOptions {
  /** @default a memory store */
  store?: ConversationStore;
  /** @default an in-process bus */
  bus?: EventBus;
  /** Users, e.g. in the same database as `store` when its foreign keys need them. @default a memory store */
  users?: UserStore;
  /** @default 1000 */
  replayLimit?: number;
  /** @default 20 */
  gapFillDelayMs?: number;
  /** Where files go and how they are inspected; no attachments without them. */
  files?: { blobs: BlobStore; media: MediaInspector };
  /** Rate limits; none by default. */
  rateLimiters?: RateLimiterFactory;
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
  const users = o.users ?? createMemoryUserStore();
  const errors: unknown[] = [];
  const domain = createDomain(
    {
      users,
      ...createMemoryCredentialStores(),
      conversations: store,
      presence: createMemoryPresenceStore(),
      presenceSettings: createMemoryPresenceSettingsStore(users, store),
      blocks: createMemoryBlockStore(),
      bus,
      hasher: plainHasher,
      ...(o.files ? { uploads: createMemoryUploadStore(), ...o.files } : {}),
      ...(o.rateLimiters ? { rateLimiters: o.rateLimiters } : {}),
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

const FAKE_STEP_MS = 10;

/**
 * Waits up to `ms` for `p`. Under fake timers the clock is moved on in small steps instead, each due
 * timer firing in order with promises settling in between, so "not within `ms`" is exact rather
 * than a guess about a busy machine; with real timers it is a real wait.
 */
export async function within<T>(p: Promise<T>, ms: number): Promise<{ value: T } | 'timeout'> {
  const settled = p.then((value) => ({ value }));
  if (!vi.isFakeTimers()) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
    return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
  }
  let outcome: { value: T } | undefined;
  let failure: { error: unknown } | undefined;
  settled.then(
    (o) => (outcome = o),
    (error: unknown) => (failure = { error }),
  );
  for (let waited = 0; !outcome && !failure && waited < ms; waited += FAKE_STEP_MS)
    await vi.advanceTimersByTimeAsync(Math.min(FAKE_STEP_MS, ms - waited));
  if (failure) throw failure.error;
  return outcome ?? 'timeout';
}

/** Reads `n` events from a stream, failing when one does not come within `timeoutMs`. */
export async function take(
  stream: AsyncIterator<ConversationEvent>,
  n: number,
  timeoutMs = 2000,
): Promise<ConversationEvent[]> {
  const out: ConversationEvent[] = [];
  while (out.length < n) {
    const r = await within(stream.next(), timeoutMs);
    if (r === 'timeout') throw new Error(`timed out after ${out.length} of ${n} events`);
    if (r.value.done) break;
    out.push(r.value.value);
  }
  return out;
}

/**
 * Resolves with the stream's next result, or 'idle' if nothing comes within `ms` of fake time, in
 * which every gap-fill and other timer due has fired. Fake timers only: in real time "nothing came"
 * would only mean "not yet".
 */
export async function nextOrIdle(stream: AsyncIterator<ConversationEvent>, ms = 1000) {
  if (!vi.isFakeTimers()) throw new Error('nextOrIdle needs vi.useFakeTimers()');
  const r = await within(stream.next(), ms);
  return r === 'timeout' ? 'idle' : r.value;
}
