import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

/** A personal access token, without its secret. */
@ObjectType({
  description:
    'A personal access token for scripts and bots. Its secret is shown once, by `createAccessToken`, and never again.',
})
export class AccessToken {
  @Field(() => ID, { description: 'Stable identifier, for `revokeAccessToken`.' })
  id!: string;

  @Field(() => String, { description: 'What the token is for, 1–64 characters.' })
  name!: string;

  @Field(() => DateTimeScalar, { description: 'When the token was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the token stops working.' })
  expiresAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the token was last used to authenticate, if ever.',
  })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the token was revoked, if it was.' })
  revokedAt!: Date | null;
}
