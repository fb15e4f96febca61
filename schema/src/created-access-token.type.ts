import { Field, ObjectType } from 'type-graphql';
import { AccessToken } from './access-token.type';

/** A new personal access token together with its secret. */
@ObjectType({ description: 'A newly created personal access token and its secret.' })
export class CreatedAccessToken {
  @Field(() => String, {
    description:
      'The secret (`pat_…`), shown only this once: send it as `Authorization: Bearer <token>` on HTTP or as `connectionParams.authorization` on WebSocket.',
  })
  token!: string;

  @Field(() => AccessToken, { description: 'The token’s details.' })
  accessToken!: AccessToken;
}
