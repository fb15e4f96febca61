import { Schema, type Connection, type Model } from 'mongoose';

// The emulator used in tests, and MongoDB users who manage their own schema, have no implicit
// `create`: collections and indexes are made by `createIndexes()` at start, never by mongoose lazily.
const options = { autoCreate: false, autoIndex: false, versionKey: false, minimize: false } as const;

/** A message as stored: the domain's Message with dates as BSON dates, `_id` its id. */
export interface MessageDoc {
  _id: string;
  conversationId: string;
  seq: number;
  clientMessageId: string | null;
  senderId: string | null;
  kind: string;
  text: string | null;
  replyToId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  format: string;
  threadRootId: string | null;
  forwardedFrom: unknown;
  mentionIds: string[];
  attachments: unknown[];
  location: unknown;
  reactions: unknown[];
  thread: unknown;
}

/** One event of a conversation's log; `payload` is the ConversationEvent as subscribers get it. */
export interface EventDoc {
  conversationId: string;
  seq: number;
  type: string;
  createdAt: Date;
  payload: Record<string, unknown>;
}

/** A conversation's head: the seq of its last event, advanced in the transaction that appends. */
export interface HeadDoc {
  _id: string;
  seq: number;
}

export interface ReactionDoc {
  messageId: string;
  emoji: string;
  userId: string;
  createdAt: Date;
}

export interface HiddenDoc {
  userId: string;
  messageId: string;
  conversationId: string;
}

const messageSchema = new Schema<MessageDoc>(
  {
    _id: String,
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true },
    clientMessageId: { type: String, default: null },
    senderId: { type: String, default: null },
    kind: { type: String, required: true },
    text: { type: String, default: null },
    replyToId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    editedAt: { type: Date, default: null },
    deletedAt: { type: Date, default: null },
    format: { type: String, required: true },
    threadRootId: { type: String, default: null },
    forwardedFrom: { type: Schema.Types.Mixed, default: null },
    mentionIds: { type: [String], default: [] },
    // Read with the message every time and never queried on their own, as in PostgreSQL's jsonb.
    attachments: { type: [Schema.Types.Mixed], default: [] },
    location: { type: Schema.Types.Mixed, default: null },
    reactions: { type: [Schema.Types.Mixed], default: [] },
    thread: { type: Schema.Types.Mixed, default: null },
  },
  { ...options, collection: 'messages' },
);
// History pages by seq within the timeline or a thread.
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true, name: 'conversation_seq' });
messageSchema.index({ conversationId: 1, threadRootId: 1, seq: 1 }, { name: 'conversation_thread_seq' });
// Idempotent sends: only messages with a key take part (SYSTEM messages have none).
messageSchema.index(
  { senderId: 1, clientMessageId: 1 },
  { unique: true, name: 'sender_client_message_id', partialFilterExpression: { clientMessageId: { $type: 'string' } } },
);

// Search: words of the text, case- and diacritic-insensitive, without stemming (one dictionary
// cannot fit a chat that mixes languages), like PostgreSQL's search configuration.
messageSchema.index(
  { text: 'text' },
  { name: 'text_search', default_language: 'none', language_override: 'searchLanguage' },
);

const eventSchema = new Schema<EventDoc>(
  {
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    createdAt: { type: Date, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
  },
  { ...options, collection: 'conversation_events' },
);
eventSchema.index({ conversationId: 1, seq: 1 }, { unique: true, name: 'conversation_seq' });

const headSchema = new Schema<HeadDoc>(
  { _id: String, seq: { type: Number, required: true } },
  { ...options, collection: 'conversation_heads' },
);

const reactionSchema = new Schema<ReactionDoc>(
  {
    messageId: { type: String, required: true },
    emoji: { type: String, required: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { ...options, collection: 'message_reactions' },
);
reactionSchema.index({ messageId: 1, emoji: 1, userId: 1 }, { unique: true, name: 'message_emoji_user' });
reactionSchema.index({ userId: 1, messageId: 1 }, { name: 'user_message' });

const hiddenSchema = new Schema<HiddenDoc>(
  {
    userId: { type: String, required: true },
    messageId: { type: String, required: true },
    conversationId: { type: String, required: true },
  },
  { ...options, collection: 'hidden_messages' },
);
hiddenSchema.index({ userId: 1, messageId: 1 }, { unique: true, name: 'user_message' });
hiddenSchema.index({ userId: 1, conversationId: 1 }, { name: 'user_conversation' });

/** The models of the message store on one connection. */
export interface ChatModels {
  messages: Model<MessageDoc>;
  events: Model<EventDoc>;
  heads: Model<HeadDoc>;
  reactions: Model<ReactionDoc>;
  hidden: Model<HiddenDoc>;
}

/** Registers the models on `conn`. */
export function chatModels(conn: Connection): ChatModels {
  return {
    messages: conn.model('Message', messageSchema),
    events: conn.model('ConversationEvent', eventSchema),
    heads: conn.model('ConversationHead', headSchema),
    reactions: conn.model('MessageReaction', reactionSchema),
    hidden: conn.model('HiddenMessage', hiddenSchema),
  };
}
