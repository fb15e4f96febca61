import type { BlockCache } from '../blocks/block-cache';
import type { ConversationStore } from '../ports/conversation.store';
import type { RateLimiter } from '../ports/rate-limiter';
import type { UserStore } from '../ports/user.store';
import { snapshotUser } from '../users/user.model';
import { NotFoundError } from '../shared/errors';
import { channels, type ChannelBus } from '../events/bus-channels';
import type { TypingEvent, TypingNotice } from './typing.model';
import type { UserSnapshot } from '../users/user.model';
import { PushStream } from '../shared/push-stream';
import { isId } from '../shared/validate';

/** Settings of {@link createTypingService}. */
export interface TypingServiceDeps {
  store: Pick<ConversationStore, 'getMemberships' | 'getConversations'>;
  users: Pick<UserStore, 'findByIds'>;
  bus: ChannelBus;
  /** Who blocks the viewer: their typing is not shown to them. */
  blocks: Pick<BlockCache, 'retain'>;
  /** setTyping calls per user; none when omitted. */
  limiter?: RateLimiter;
  /** A typing state without a refresh for this long ends. @default 6000 */
  ttlMs: number;
  /** A user's start is broadcast at most once per this long per conversation. @default 3000 */
  throttleMs: number;
  /** Above this many members only the count is sent. @default 100 */
  fullListMaxMembers: number;
  onError?: (err: unknown) => void;
}

const MAX_LISTED = 5;

interface Typist {
  user: UserSnapshot;
  timer: NodeJS.Timeout;
}

interface Feed {
  typists: Map<string, Typist>;
  memberCount: number;
  listeners: Set<(typists: readonly Typist[], memberCount: number) => void>;
  detach: Promise<() => void>;
}

/**
 * Typing indicators. The node a user types on owns their state (refresh, throttle, expiry, stop on
 * send) and publishes starts and stops on the conversation's typing channel; every node with
 * subscribers keeps one feed per conversation that holds the current list and hands it to them.
 */
export function createTypingService(d: TypingServiceDeps) {
  const onError = d.onError ?? (() => undefined);
  const origins = new Map<string, { lastBroadcast: number; timer: NodeJS.Timeout }>();
  const feeds = new Map<string, Feed>();

  const publish = (notice: TypingNotice) =>
    d.bus.publish(channels.typing(notice.conversationId), notice).catch(onError);

  function stopLocal(userId: string, conversationId: string): boolean {
    const key = `${conversationId}:${userId}`;
    const o = origins.get(key);
    if (!o) return false;
    clearTimeout(o.timer);
    origins.delete(key);
    void publish({ conversationId, userId, typing: false, user: null, memberCount: 0 });
    return true;
  }

  function arm(userId: string, conversationId: string): NodeJS.Timeout {
    const t = setTimeout(() => stopLocal(userId, conversationId), d.ttlMs);
    t.unref();
    return t;
  }

  function notify(feed: Feed): void {
    const list = [...feed.typists.values()];
    for (const l of feed.listeners) {
      try {
        l(list, feed.memberCount);
      } catch (err) {
        onError(err);
      }
    }
  }

  function ingest(feed: Feed, n: TypingNotice): void {
    const had = feed.typists.get(n.userId);
    if (had) clearTimeout(had.timer);
    if (n.typing && n.user) {
      feed.memberCount = n.memberCount;
      // Safety net when the typist's node dies: its stop never comes. Refreshes arrive at least
      // every ttl + throttle while the user keeps typing.
      const timer = setTimeout(() => {
        if (feed.typists.get(n.userId)?.timer !== timer) return;
        feed.typists.delete(n.userId);
        notify(feed);
      }, d.ttlMs + d.throttleMs);
      timer.unref();
      feed.typists.set(n.userId, { user: n.user, timer });
      if (!had) notify(feed);
    } else if (had) {
      feed.typists.delete(n.userId);
      notify(feed);
    }
  }

  async function attach(conversationId: string, listener: Feed['listeners'] extends Set<infer L> ? L : never) {
    let feed = feeds.get(conversationId);
    if (!feed) {
      const created: Feed = {
        typists: new Map(),
        memberCount: 0,
        listeners: new Set(),
        detach: Promise.resolve(() => undefined),
      };
      created.detach = d.bus.subscribe(channels.typing(conversationId), (n) => ingest(created, n));
      feeds.set(conversationId, created);
      feed = created;
    }
    const mine = feed;
    mine.listeners.add(listener);
    try {
      await mine.detach;
    } catch (err) {
      mine.listeners.delete(listener);
      if (feeds.get(conversationId) === mine && mine.listeners.size === 0) feeds.delete(conversationId);
      throw err;
    }
    return {
      feed: mine,
      detach() {
        mine.listeners.delete(listener);
        if (mine.listeners.size === 0 && feeds.get(conversationId) === mine) {
          feeds.delete(conversationId);
          for (const t of mine.typists.values()) clearTimeout(t.timer);
          void mine.detach.then(
            (f) => f(),
            () => undefined,
          );
        }
      },
    };
  }

  async function checkMember(userId: string, conversationId: string): Promise<void> {
    if (!isId(conversationId)) throw new NotFoundError('Conversation');
    const [m] = await d.store.getMemberships([{ conversationId, userId }]);
    if (!m) throw new NotFoundError('Conversation');
  }

  return {
    /** Starts or refreshes (`typing`) or ends the viewer's typing state; members only. */
    async setTyping(viewerId: string, conversationId: string, typing: boolean): Promise<boolean> {
      await d.limiter?.consume(viewerId);
      const key = `${conversationId}:${viewerId}`;
      if (!typing) {
        await checkMember(viewerId, conversationId);
        stopLocal(viewerId, conversationId);
        return true;
      }
      const o = origins.get(key);
      if (o) {
        // A refresh of a state this node owns: the member check was done when it started.
        clearTimeout(o.timer);
        o.timer = arm(viewerId, conversationId);
        if (Date.now() - o.lastBroadcast < d.throttleMs) return true;
      } else {
        await checkMember(viewerId, conversationId);
      }
      const [[user], [conversation]] = await Promise.all([
        d.users.findByIds([viewerId]),
        d.store.getConversations([conversationId]),
      ]);
      if (!user || !conversation) throw new NotFoundError('Conversation');
      const current = origins.get(key);
      if (current) current.lastBroadcast = Date.now();
      else origins.set(key, { lastBroadcast: Date.now(), timer: arm(viewerId, conversationId) });
      await publish({
        conversationId,
        userId: viewerId,
        typing: true,
        user: snapshotUser(user),
        memberCount: conversation.memberCount,
      });
      return true;
    },

    /** The viewer sent a message: their typing state in that conversation ends. */
    stopOnSend(viewerId: string, conversationId: string): void {
      stopLocal(viewerId, conversationId);
    },

    /** The conversation's typists other than the viewer: the current list at once, then every change. */
    async subscribe(viewerId: string, conversationId: string): Promise<PushStream<TypingEvent>> {
      await checkMember(viewerId, conversationId);
      const stream = new PushStream<TypingEvent>();
      let last = '';
      let refresh = () => undefined as void;
      const view = await d.blocks.retain(viewerId, () => refresh());
      const emit = (typists: readonly Typist[], memberCount: number) => {
        // Blockers are left out of the count too, or a count of one with no name would tell.
        const others = typists.filter((t) => t.user.id !== viewerId && !view.blocks(t.user.id));
        const listed = memberCount > d.fullListMaxMembers ? [] : others.slice(0, MAX_LISTED).map((t) => t.user);
        const sig = `${others.length}:${listed.map((u) => u.id).join(',')}`;
        if (sig === last) return;
        last = sig;
        stream.push({ conversationId, users: listed, count: others.length });
      };
      const attached = await attach(conversationId, emit).catch((err: unknown) => {
        view.release();
        throw err;
      });
      const { feed, detach } = attached;
      stream.setOnClose(() => {
        detach();
        view.release();
      });
      refresh = () => emit([...feed.typists.values()], feed.memberCount);
      last = 'initial';
      refresh();
      return stream;
    },

    dispose(): void {
      for (const o of origins.values()) clearTimeout(o.timer);
      origins.clear();
      for (const f of feeds.values()) for (const t of f.typists.values()) clearTimeout(t.timer);
      feeds.clear();
    },
  };
}

/** The typing service's surface. */
export type TypingService = ReturnType<typeof createTypingService>;
