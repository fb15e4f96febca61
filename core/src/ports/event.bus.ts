/** Handler for messages on one channel. */
export type BusHandler = (message: unknown) => void;

/**
 * Fan-out between API nodes. One publish reaches every node subscribed to the channel; a node
 * subscribes to a channel once, however many local listeners it has.
 */
export interface EventBus {
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is active; the returned function ends it. */
  subscribe(channel: string, handler: BusHandler): Promise<() => void>;
  /**
   * Registers a callback for when the bus may have lost messages (after a reconnect), so listeners
   * can catch up from storage.
   */
  onResync(callback: () => void): void;
  /** Resolves when the bus answers (always true in process). */
  ping(): Promise<void>;
  dispose(): Promise<void>;
}
