import { Field, ObjectType } from 'type-graphql';
import { Message } from './message.type';

/** A window of a conversation's history. */
@ObjectType({ description: 'A window of history in ascending seq order.' })
export class MessagePage {
  @Field(() => [Message], { description: 'Messages, oldest first.' })
  messages!: Message[];

  @Field(() => Boolean, { description: 'Whether older messages exist before this window.' })
  hasMoreBefore!: boolean;

  @Field(() => Boolean, { description: 'Whether newer messages exist after this window.' })
  hasMoreAfter!: boolean;
}
