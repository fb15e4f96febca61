import { Field, Int, ObjectType } from 'type-graphql';

/** One emoji's reactions on a message; `reactedByMe` and `users` are resolved by ReactionResolver. */
@ObjectType({ description: 'The reactions with one emoji on a message.' })
export class ReactionGroup {
  @Field(() => String, { description: 'The emoji (one grapheme).' })
  emoji!: string;

  @Field(() => Int, { description: 'How many people reacted with it.' })
  count!: number;
}
