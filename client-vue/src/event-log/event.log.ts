import { ref, type Ref } from 'vue';
import type { ApolloClient, InMemoryCache } from '@apollo/client';
import type { ConversationListItemFragment, MessageItemFragment } from '../gql/graphql';
import { ConversationChannel, type ChannelListener } from './conversation.channel';
import {
  clearUnread,
  insertIntoWindow,
  noteInSummary,
  removeFromList,
  writeEntities,
  writeMessageItem,
  type Viewer,
} from './event.cache';
import { ConversationsQuery, MessagesQuery, MessageWindowQuery } from './event.documents';
import type { ConversationEvent, EventTransport } from './event.transport';
import { InboxFeed } from './inbox.feed';
import { roleNotice } from './role.notice';

export interface EventLogOptions {
  /** Fetches the snapshots. */
  client: ApolloClient;
  /** The client's cache, where events are written. */
  cache: InMemoryCache;
  transport: EventTransport;
  /** The signed-in user: their own messages never count as unread. */
  me(): string | null;
  /** Called with every conversation list fetched from the server (fresh presence comes with it). */
  onConversations?(conversations: readonly ConversationListItemFragment[]): void;
  /**
   * Called with each message of others that reaches this device (the receipts' "delivered"); a seq may come
   * twice when two subscriptions bring it.
   */
  delivered?(conversationId: string, seq: number): void;
  /** Messages in a snapshot and in each older page. @default 50 */
  pageSize?: number;
}

/**
 * The client's one event log over the Apollo cache. Every event, whichever subscription brings it, goes
 * through one place: per conversation, events at or below the applied seq are duplicates and dropped, the
 * rest are written into the cache in seq order. Conversation channels resume after the applied seq; the
 * inbox feed follows every conversation live and moves a channel on when its event is the next one.
 */
export class EventLog {
  /** The conversation on screen: what arrives there is read at once. */
  readonly active: Ref<string | null> = ref(null);
  readonly pageSize: number;
  private readonly channels = new Map<string, ConversationChannel>();
  private readonly inbox: InboxFeed;
  private readonly leftListeners = new Set<(conversationId: string) => void>();

  constructor(private readonly options: EventLogOptions) {
    this.pageSize = options.pageSize ?? 50;
    const { transport } = options;
    this.inbox = new InboxFeed({
      transport,
      snapshot: () => this.fetchConversations(),
      accept: (event) => this.accept(event, false),
      left: (conversationId) => removeFromList(this.cache, conversationId),
      me: options.me,
    });
    transport.onReconnect(() => {
      this.channels.forEach((channel) => void (channel.isOpen && channel.sync()));
    });
  }

  private get cache(): InMemoryCache {
    return this.options.cache;
  }

  /** The conversation's channel, open or not. */
  channel(conversationId: string): ConversationChannel {
    let channel = this.channels.get(conversationId);
    if (!channel) {
      channel = new ConversationChannel(conversationId, {
        transport: this.options.transport,
        snapshot: (id) => this.fetchWindow(id),
        accept: (event) => this.accept(event, true),
      });
      this.channels.set(conversationId, channel);
    }
    return channel;
  }

  /** Follows a conversation (its messages window stays current) until the returned function is called. */
  open(conversationId: string, listener?: ChannelListener): () => void {
    const channel = this.channel(conversationId);
    // An applied seq is only good with the window it describes: without one, start from a snapshot.
    const window = this.cache.readQuery({ query: MessageWindowQuery, variables: { conversationId } });
    if (!channel.isOpen && !window) channel.appliedSeq = null;
    return channel.open(listener);
  }

  /** Follows every conversation of the viewer, keeping the conversation list current. */
  startInbox(): Promise<void> {
    return this.inbox.start();
  }

  /** Our own message as the send answered it: shown at once; its event is then a duplicate by id. */
  noteSent(message: MessageItemFragment): void {
    writeMessageItem(this.cache, message);
    insertIntoWindow(this.cache, message);
    noteInSummary(this.cache, message.conversationId, message.seq, message, this.viewer());
  }

  /**
   * Runs `listener` with each conversation the viewer leaves or is removed from, whichever subscription brings
   * the news. Returns a function that removes the listener.
   */
  onLeft(listener: (conversationId: string) => void): () => void {
    this.leftListeners.add(listener);
    return () => this.leftListeners.delete(listener);
  }

  /** The applied seq of every conversation that has one, saved with the cache. */
  cursors(): Record<string, number> {
    const entries = [...this.channels.values()].flatMap((c) =>
      c.appliedSeq === null ? [] : [[c.conversationId, c.appliedSeq]],
    );
    return Object.fromEntries(entries) as Record<string, number>;
  }

  restoreCursors(saved: unknown): void {
    if (typeof saved !== 'object' || saved === null) return;
    for (const [conversationId, seq] of Object.entries(saved)) {
      const channel = this.channel(conversationId);
      if (typeof seq === 'number' && channel.appliedSeq === null) channel.appliedSeq = seq;
    }
  }

  /** Stops every subscription and forgets every applied seq (logging out). */
  reset(): void {
    this.inbox.close();
    this.channels.forEach((channel) => channel.close());
    this.channels.clear();
    this.active.value = null;
  }

  private viewer(): Viewer {
    return { me: this.options.me(), active: this.active.value };
  }

  /** Returns false when the event's conversation is not in the cache. */
  private accept(event: ConversationEvent, fromChannel: boolean): boolean {
    const channel = this.channels.get(event.conversationId);
    const applied = channel?.appliedSeq ?? null;
    const duplicate = applied !== null && event.seq <= applied;
    // A channel's own subscription is gap-free; the inbox's event fits only right after the applied seq.
    const next = !duplicate && applied !== null && (fromChannel || event.seq === applied + 1);
    const added = event.__typename === 'MessageAdded' ? event.message : null;
    // Read before the event's member is written: the wording may depend on the role it had.
    const notice =
      !duplicate && event.__typename === 'MemberUpdated' ? roleNotice(this.cache, event, this.options.me()) : null;
    if (!duplicate) {
      writeEntities(this.cache, event);
      this.noteMembership(event);
      if (added && added.sender && added.sender.id !== this.options.me())
        this.options.delivered?.(event.conversationId, event.seq);
    }
    const line = added ?? notice;
    if (next && line) insertIntoWindow(this.cache, line);
    const known = noteInSummary(this.cache, event.conversationId, event.seq, added, this.viewer());
    if (next) channel?.applied(event);
    return known;
  }

  /** The viewer's own membership changes, which every subscription may bring (the inbox's copy often first). */
  private noteMembership(event: ConversationEvent): void {
    const me = this.options.me();
    if (event.__typename === 'MemberLeft' && event.user.id === me) {
      this.channel(event.conversationId).markRemoved();
      this.leftListeners.forEach((listener) => listener(event.conversationId));
    } else if (event.__typename === 'MemberJoined' && event.member.user.id === me) {
      this.channels.get(event.conversationId)?.markRejoined();
    }
  }

  private async fetchWindow(conversationId: string): Promise<number> {
    const { data } = await this.options.client.query({
      query: MessagesQuery,
      variables: { conversationId, limit: this.pageSize },
      fetchPolicy: 'network-only',
    });
    if (!data) throw new Error('No messages in the answer');
    return data.messages.messages.reduce((max, m) => Math.max(max, m.seq), 0);
  }

  private async fetchConversations(): Promise<void> {
    const { data } = await this.options.client.query({ query: ConversationsQuery, fetchPolicy: 'network-only' });
    if (!data) return;
    if (this.active.value) clearUnread(this.cache, this.active.value);
    this.options.onConversations?.(data.conversations.conversations);
  }
}
