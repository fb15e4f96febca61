import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { MemberRole } from './enums';

/** A user's membership of a conversation; `user` is resolved by MemberResolver. */
@ObjectType({ description: 'A user’s membership of a conversation.' })
export class Member {
  @Field(() => ID, { description: 'The conversation.' })
  conversationId!: string;

  @Field(() => MemberRole, { description: 'What the member may do.' })
  role!: MemberRole;

  @Field(() => DateTimeScalar, { description: 'When the user joined.' })
  joinedAt!: string;

  @Field(() => Int, { description: 'Highest seq delivered to one of the member’s devices.' })
  lastDeliveredSeq!: number;
}
