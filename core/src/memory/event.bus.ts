import type { BusHandler, EventBus } from '../ports/event.bus';

/**
 * {@link EventBus} within one process: delivery is asynchronous, like a network bus, and in order.
 * A listener that throws is reported to `onError` and does not stop the others.
 */
export function createMemoryEventBus(onError: (err: unknown) => void = () => undefined): EventBus {
  const channels = new Map<string, Set<BusHandler>>();
  return {
    async publish(channel, message) {
      const handlers = channels.get(channel);
      if (!handlers) return;
      // A copy, as it would come from the network; like the Redis bus, one per message, shared by the
      // node's listeners, so fan-out to many listeners does not parse once per listener.
      const copy: unknown = JSON.parse(JSON.stringify(message));
      queueMicrotask(() => {
        for (const h of handlers) {
          try {
            h(copy);
          } catch (err) {
            onError(err);
          }
        }
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
