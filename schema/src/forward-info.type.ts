import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

/** Where a forwarded copy came from. */
@ObjectType({ description: 'Where a forwarded message came from. The original sender is named, never identified.' })
export class ForwardInfo {
  @Field(() => String, { description: 'The original sender’s display name when it was first forwarded.' })
  originalSenderName!: string;

  @Field(() => DateTimeScalar, { description: 'When the original was sent.' })
  originalSentAt!: string;
}
