import { Field, Int, ObjectType } from 'type-graphql';
import { ConversationEvent } from './conversation-event.type';

/** A long-poll's answer for one conversation. */
@ObjectType({ description: 'The events after a poll’s cursor, in seq order.' })
export class EventBatch {
  @Field(() => [ConversationEvent], {
    description: 'The events, each once and in order; empty when none came in time.',
  })
  events!: unknown[];

  @Field(() => Int, {
    description: 'The seq of the last event in this batch, or `afterSeq` when it is empty: the next poll’s `afterSeq`.',
  })
  lastSeq!: number;
}

/** A long-poll's answer for all of the viewer's conversations. */
@ObjectType({ description: 'The events of the viewer’s conversations after a poll’s cursor.' })
export class InboxBatch {
  @Field(() => [ConversationEvent], { description: 'The events, in seq order per conversation.' })
  events!: unknown[];

  @Field(() => String, { description: 'Pass as `cursor` to the next poll.' })
  cursor!: string;
}
