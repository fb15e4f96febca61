import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

/** A Parley user's public profile. */
@ObjectType({ description: 'A user’s public profile.' })
export class User {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => String, { description: 'Unique handle: 3–32 characters of a–z, 0–9, `_` and `.`; lowercase.' })
  username!: string;

  @Field(() => String, { description: 'Name shown to others, 1–64 characters.' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'Avatar image URL (http or https), if set.' })
  avatarUrl!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the account was created.' })
  createdAt!: Date | string;
}
