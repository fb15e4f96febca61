import { channels, type ChannelBus } from '../events/bus-channels';
import type { BlockStore } from '../ports/block.store';
import type { BlockNotice } from './block.model';

/** Settings of {@link createBlockCache}. */
export interface BlockCacheDeps {
  store: Pick<BlockStore, 'blockersOf'>;
  bus: ChannelBus;
  onError?: (err: unknown) => void;
}

/** One viewer's blockers, held current on this node while {@link BlockView.release} is not called. */
export interface BlockView {
  /** Whether `userId` blocks the viewer; synchronous, so event delivery never waits on storage. */
  blocks(userId: string): boolean;
  release(): void;
}

interface Entry {
  blockers: Set<string>;
  refs: number;
  /** Notices that came while the first read was under way; null once it is done. */
  pending: BlockNotice[] | null;
  listeners: Set<(blockerId: string) => void>;
  ready: Promise<void>;
  detach: Promise<() => void>;
}

/**
 * Who blocks whom, cached per node for the viewers with live subscriptions here. Presence and typing
 * events are filtered for every subscriber, so they must not read storage: a viewer's blockers are
 * read once when their first subscription on this node starts, and kept current by the notices on
 * the viewer's `blocks` channel, which reach every node.
 */
export function createBlockCache(d: BlockCacheDeps) {
  const onError = d.onError ?? (() => undefined);
  const entries = new Map<string, Entry>();

  function apply(entry: Entry, n: BlockNotice): void {
    if (n.blocked === entry.blockers.has(n.blockerId)) return;
    if (n.blocked) entry.blockers.add(n.blockerId);
    else entry.blockers.delete(n.blockerId);
    for (const l of entry.listeners) {
      try {
        l(n.blockerId);
      } catch (err) {
        onError(err);
      }
    }
  }

  function open(viewerId: string): Entry {
    const entry: Entry = {
      blockers: new Set(),
      refs: 0,
      pending: [],
      listeners: new Set(),
      ready: Promise.resolve(),
      detach: Promise.resolve(() => undefined),
    };
    // Subscribe first, then read: a change committed in between arrives as a notice and is applied
    // after the read (applying one twice changes nothing).
    entry.detach = d.bus.subscribe(channels.blocks(viewerId), (n) =>
      entry.pending ? entry.pending.push(n) : apply(entry, n),
    );
    entry.ready = entry.detach
      .then(() => d.store.blockersOf(viewerId))
      .then((blockers) => {
        entry.blockers = blockers;
        const early = entry.pending ?? [];
        entry.pending = null;
        for (const n of early) apply(entry, n);
      });
    return entry;
  }

  function close(viewerId: string, entry: Entry): void {
    if (entries.get(viewerId) === entry) entries.delete(viewerId);
    void entry.detach.then(
      (f) => f(),
      () => undefined,
    );
  }

  // Notices lost while the bus reconnected: read every cached viewer's blockers again.
  d.bus.onResync(() => {
    for (const [viewerId, entry] of entries) {
      void d.store.blockersOf(viewerId).then((now) => {
        for (const id of entry.blockers)
          if (!now.has(id)) apply(entry, { blockerId: id, blockedId: viewerId, blocked: false });
        for (const id of now) apply(entry, { blockerId: id, blockedId: viewerId, blocked: true });
      }, onError);
    }
  });

  return {
    /**
     * Keeps `viewerId`'s blockers cached and current until the view is released; `onChange` hears
     * every later change, with the user who started or stopped blocking the viewer.
     */
    async retain(viewerId: string, onChange?: (blockerId: string) => void): Promise<BlockView> {
      let entry = entries.get(viewerId);
      if (!entry) entries.set(viewerId, (entry = open(viewerId)));
      const mine = entry;
      mine.refs++;
      if (onChange) mine.listeners.add(onChange);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (onChange) mine.listeners.delete(onChange);
        if (--mine.refs === 0) close(viewerId, mine);
      };
      try {
        await mine.ready;
      } catch (err) {
        // A failed read must not stay cached for the next subscriber; the last release unsubscribes.
        if (entries.get(viewerId) === mine) entries.delete(viewerId);
        release();
        throw err;
      }
      return { blocks: (userId) => mine.blockers.has(userId), release };
    },

    /**
     * Everyone who blocks `viewerId`, read from storage: a query answered just after a block must
     * see it, and the notice may not have reached this node's cache yet.
     */
    blockersOf: (viewerId: string): Promise<ReadonlySet<string>> => d.store.blockersOf(viewerId),

    /** Tells every node (this one included) that a block started or ended. */
    publish: (n: BlockNotice) => d.bus.publish(channels.blocks(n.blockedId), n),
  };
}

/** The block cache's surface. */
export type BlockCache = ReturnType<typeof createBlockCache>;
