import type { BlockNotice } from '../blocks/block.model';
import type { EventBus } from '../ports/event.bus';
import type { PresenceState } from '../presence/presence.model';
import type { TypingNotice } from '../typing/typing.model';
import type { ConversationEvent } from './event.model';

/** A notice on a user's own channel that they joined a conversation at `fromSeq`. */
export interface JoinedNotice {
  type: 'joined';
  conversationId: string;
  fromSeq: number;
}

/** Every kind of pub/sub channel and what one message on it carries. */
export interface ChannelPayloads {
  /** A conversation's committed events, in any order; feeds put them in seq order. */
  conversation: ConversationEvent;
  /** Notices for one user. */
  user: JoinedNotice;
  /** One user's presence, unfiltered; every subscriber applies the privacy rules for its viewer. */
  presence: PresenceState;
  /** A conversation's typing starts and stops. */
  typing: TypingNotice;
  /** Blocks of one user starting or ending; named by the blocked user, whose view they change. */
  blocks: BlockNotice;
}

/** A kind of channel. */
export type ChannelKind = keyof ChannelPayloads;

/** One channel on the bus, typed by what it carries. */
export interface Channel<K extends ChannelKind> {
  readonly kind: K;
  /** The name adapters publish and subscribe under. */
  readonly name: string;
}

const channel =
  <K extends ChannelKind>(kind: K) =>
  (id: string): Channel<K> => ({ kind, name: `${kind}:${id}` });

/** The registry of channels: the only way to name one. */
export const channels = {
  conversation: channel('conversation'),
  user: channel('user'),
  presence: channel('presence'),
  typing: channel('typing'),
  blocks: channel('blocks'),
};

/** The {@link EventBus} as services use it: every channel carries its own payload type. */
export interface ChannelBus {
  publish<K extends ChannelKind>(channel: Channel<K>, message: ChannelPayloads[K]): Promise<void>;
  /** Resolves once the subscription is active; the returned function ends it. */
  subscribe<K extends ChannelKind>(
    channel: Channel<K>,
    handler: (message: ChannelPayloads[K]) => void,
  ): Promise<() => void>;
  onResync(callback: () => void): void;
}

/**
 * Types the bus by the registry. Adapters move JSON between nodes; what is published on a channel
 * is only ever built by this process's services from the same registry, so the one cast is here.
 */
export function createChannelBus(bus: EventBus): ChannelBus {
  return {
    publish: (ch, message) => bus.publish(ch.name, message),
    subscribe: (ch, handler) => bus.subscribe(ch.name, (m) => handler(m as ChannelPayloads[typeof ch.kind])),
    onResync: (cb) => bus.onResync(cb),
  };
}
