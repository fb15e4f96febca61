import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from './user.type';

/** Who is typing in a conversation. */
@ObjectType({
  description:
    'The whole current list of people typing in a conversation (never the viewer); replaces any earlier one. Sent on subscribe and on every change.',
})
export class TypingEvent {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId!: string;

  @Field(() => [User], {
    description:
      'Up to 5 of the people typing; empty in groups above the full-list threshold (default 100 members), where only `count` is sent.',
  })
  users!: User[];

  @Field(() => Int, { description: 'How many people are typing.' })
  count!: number;
}
