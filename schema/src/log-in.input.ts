import { Field, InputType } from 'type-graphql';

/** Input of `logIn`. */
@InputType({ description: 'Credentials of an existing account.' })
export class LogInInput {
  @Field(() => String, { description: 'Username, in any letter case.' })
  username!: string;

  @Field(() => String, { description: 'Password.' })
  password!: string;
}
