import { Field, ID, ObjectType } from 'type-graphql';
import { Conversation } from './conversation.type';

/** One page of the viewer's conversations. */
@ObjectType({ description: 'A page of conversations, newest activity first.' })
export class ConversationPage {
  @Field(() => [Conversation], { description: 'The conversations on this page.' })
  conversations!: Conversation[];

  @Field(() => ID, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
