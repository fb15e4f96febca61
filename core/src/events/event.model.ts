import type { Conversation, Member } from '../conversations/conversation.model';
import type { Message } from '../messages/message.model';
import type { ReceiptMark } from '../receipts/receipt.model';
import type { UserSnapshot } from '../users/user.model';

/** What happened at one seq of a conversation, with everything a subscriber needs to render it. */
export type ConversationEventBody =
  | { type: 'MessageAdded'; message: Message }
  | { type: 'MessageUpdated'; message: Message }
  | { type: 'MemberJoined'; member: Member }
  | { type: 'MemberUpdated'; member: Member }
  | { type: 'MemberLeft'; userId: string; user: UserSnapshot | null }
  | { type: 'ConversationUpdated'; conversation: Conversation }
  | { type: 'ReceiptsUpdated'; readers: ReceiptMark[] };

/** A durable change of a conversation at `seq`. */
export type ConversationEvent = ConversationEventBody & { conversationId: string; seq: number; createdAt: string };
