import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { User } from './user.type';

/** Tokens for a new or refreshed session. */
@ObjectType({ description: 'Tokens for a session, returned by sign-up, log-in and refresh.' })
export class AuthPayload {
  @Field(() => String, {
    description:
      'Short-lived bearer token: `Authorization: Bearer <accessToken>` on HTTP, `connectionParams.authorization` on WebSocket.',
  })
  accessToken!: string;

  @Field(() => String, {
    description:
      'Single-use token for `refreshSession`; each use returns a new one. Reusing an old one ends the session.',
  })
  refreshToken!: string;

  @Field(() => DateTimeScalar, { description: 'When `accessToken` expires; refresh before then.' })
  accessTokenExpiresAt!: Date;

  @Field(() => User, { description: 'The signed-in user.' })
  user!: User;
}
