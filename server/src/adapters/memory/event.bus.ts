import type { BusHandler, EventBus } from '../../ports/event.bus';

/** {@link EventBus} within one process: delivery is asynchronous, like a network bus, and in order. */
export function createMemoryEventBus(): EventBus {
  const channels = new Map<string, Set<BusHandler>>();
  return {
    async publish(channel, message) {
      const handlers = channels.get(channel);
      if (!handlers) return;
      // Each subscriber gets its own copy, as it would from the network.
      const wire = JSON.stringify(message);
      queueMicrotask(() => {
        for (const h of handlers) h(JSON.parse(wire));
      });
    },
    async subscribe(channel, handler) {
      let set = channels.get(channel);
      if (!set) channels.set(channel, (set = new Set()));
      set.add(handler);
      return () => {
        set.delete(handler);
        if (set.size === 0 && channels.get(channel) === set) channels.delete(channel);
      };
    },
    onResync: () => undefined,
    ping: async () => undefined,
    dispose: async () => channels.clear(),
  };
}
