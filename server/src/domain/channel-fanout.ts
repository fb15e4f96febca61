import type { EventBus } from '../ports/event.bus';

/** Receives one channel's messages. */
export type ChannelListener = (message: unknown) => void;

interface Channel {
  listeners: Set<ChannelListener>;
  ready: Promise<() => void>;
}

/**
 * Per-node fan-out of bus channels: each channel is subscribed once on this node, however many
 * local listeners it has, and unsubscribed when the last one leaves.
 */
export function createChannelFanout(bus: EventBus, onError: (err: unknown) => void = () => undefined) {
  const channels = new Map<string, Channel>();

  function deliver(ch: Channel, message: unknown): void {
    for (const l of ch.listeners) {
      try {
        l(message);
      } catch (err) {
        onError(err);
      }
    }
  }

  return {
    /** Adds a listener; resolves once the channel's subscription is active, with a detach function. */
    async attach(channel: string, listener: ChannelListener): Promise<() => void> {
      let ch = channels.get(channel);
      if (!ch) {
        const created: Channel = { listeners: new Set(), ready: Promise.resolve(() => undefined) };
        created.ready = bus.subscribe(channel, (m) => deliver(created, m));
        channels.set(channel, created);
        ch = created;
        created.ready.catch(() => {
          if (channels.get(channel) === created) channels.delete(channel);
        });
      }
      const mine = ch;
      mine.listeners.add(listener);
      try {
        await mine.ready;
      } catch (err) {
        mine.listeners.delete(listener);
        throw err;
      }
      let attached = true;
      return () => {
        if (!attached) return;
        attached = false;
        mine.listeners.delete(listener);
        if (mine.listeners.size === 0 && channels.get(channel) === mine) {
          channels.delete(channel);
          void mine.ready.then(
            (unsubscribe) => unsubscribe(),
            () => undefined,
          );
        }
      };
    },

    /** Channels subscribed on this node. */
    get size(): number {
      return channels.size;
    },

    dispose(): void {
      for (const ch of channels.values())
        void ch.ready.then(
          (u) => u(),
          () => undefined,
        );
      channels.clear();
    },
  };
}

/** The per-node channel fan-out. */
export type ChannelFanout = ReturnType<typeof createChannelFanout>;
