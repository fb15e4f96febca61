import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Conversation } from './conversation.type';
import { Member } from './member.type';
import { Message } from './message.type';
import { ReceiptMark } from './message-receipt.type';
import { User } from './user.type';

/** A durable change of a conversation; `type` on the domain event names the GraphQL type. */
@InterfaceType({
  description: 'A durable change of a conversation, numbered by `seq` (1, 2, 3, … with no gaps).',
  resolveType: (value: { type: string }) => value.type,
})
export abstract class ConversationEvent {
  @Field(() => ID, { description: 'The conversation that changed.' })
  conversationId!: string;

  @Field(() => Int, { description: 'Position in the conversation’s event sequence.' })
  seq!: number;
}

/** A message was sent. */
@ObjectType({ implements: ConversationEvent, description: 'A message was sent.' })
export class MessageAdded extends ConversationEvent {
  @Field(() => Message, { description: 'The new message.' })
  message!: Message;
}

/** A message was edited, deleted or reacted to. */
@ObjectType({
  implements: ConversationEvent,
  description: 'A message changed: edited, deleted, reacted to, or its thread got a reply.',
})
export class MessageUpdated extends ConversationEvent {
  @Field(() => Message, { description: 'The message as it is now.' })
  message!: Message;
}

/** Someone joined. */
@ObjectType({ implements: ConversationEvent, description: 'A user was added to the conversation.' })
export class MemberJoined extends ConversationEvent {
  @Field(() => Member, { description: 'The new membership.' })
  member!: Member;
}

/** A member's role changed. */
@ObjectType({ implements: ConversationEvent, description: 'A member’s role changed (including ownership hand-over).' })
export class MemberUpdated extends ConversationEvent {
  @Field(() => Member, { description: 'The membership as it is now.' })
  member!: Member;
}

/** Someone left or was removed. */
@ObjectType({
  implements: ConversationEvent,
  description: 'A member left or was removed. When it is the viewer, this is the last event they receive.',
})
export class MemberLeft extends ConversationEvent {
  @Field(() => ID, { description: 'Who left.' })
  userId!: string;

  @Field(() => User, { description: 'Who left.' })
  user!: User;
}

/** Title or description changed. */
@ObjectType({ implements: ConversationEvent, description: 'The title or description changed.' })
export class ConversationUpdated extends ConversationEvent {
  @Field(() => Conversation, { description: 'The conversation as it is now.' })
  conversation!: Conversation;
}

/** Read and delivery markers moved. */
@ObjectType({
  implements: ConversationEvent,
  description:
    'Members’ read or delivery markers moved. Coalesced: at most one per conversation per second, holding the markers that moved since the previous one.',
})
export class ReceiptsUpdated extends ConversationEvent {
  @Field(() => [ReceiptMark], { description: 'The markers that moved.' })
  readers!: ReceiptMark[];
}

/** Every concrete event type, for schema building. */
export const EVENT_TYPES = [
  MessageAdded,
  MessageUpdated,
  MemberJoined,
  MemberUpdated,
  MemberLeft,
  ConversationUpdated,
  ReceiptsUpdated,
];
