import { Field, InputType } from 'type-graphql';

/** Input of `signUp`. */
@InputType({ description: 'A new account.' })
export class SignUpInput {
  @Field(() => String, {
    description: '3–32 characters of a–z, 0–9, `_` and `.`; stored lowercase; unique in any letter case.',
  })
  username!: string;

  @Field(() => String, { description: 'At least 8 characters.' })
  password!: string;

  @Field(() => String, { nullable: true, description: '1–64 characters after trimming; defaults to the username.' })
  displayName?: string | null;
}
