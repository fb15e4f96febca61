import { Field, ID, InputType } from 'type-graphql';

/** Input of `createGroup`. */
@InputType({ description: 'A new group; the creator becomes its owner.' })
export class CreateGroupInput {
  @Field(() => String, { description: 'Title, 1–100 characters after trimming.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description, up to 1000 characters.' })
  description?: string | null;

  @Field(() => [ID], { description: 'Users to add besides the creator (up to 4999).' })
  memberIds!: string[];
}
