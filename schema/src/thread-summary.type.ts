import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

/** The replies in a message's thread; `participants` is resolved by ThreadResolver. */
@ObjectType({ description: 'The replies in the thread of a root message.' })
export class ThreadSummary {
  @Field(() => Int, { description: 'Number of replies.' })
  replyCount!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the newest reply was sent.' })
  lastReplyAt!: string | null;
}
