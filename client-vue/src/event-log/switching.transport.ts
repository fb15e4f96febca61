import type { EventTransport } from './event.transport';

/**
 * Events over whichever transport `pick` names when a subscription starts. A switch must be followed by
 * `onReconnect`, so that every subscription is made again over the new one: conversations resume from their
 * applied seq and the inbox refetches the list, exactly as after a reconnect of a single transport.
 */
export function switchingTransport(
  pick: () => EventTransport,
  onReconnect: EventTransport['onReconnect'],
): EventTransport {
  return { onReconnect, subscribe: (source, sink) => pick().subscribe(source, sink) };
}
