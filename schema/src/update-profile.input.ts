import { Field, InputType } from 'type-graphql';

/** Input of `updateProfile`. */
@InputType({ description: 'Profile fields to change; omitted fields stay as they are.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: 'New display name, 1–64 characters after trimming.' })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New avatar URL (http or https); an empty string or null removes it.',
  })
  avatarUrl?: string | null;
}
