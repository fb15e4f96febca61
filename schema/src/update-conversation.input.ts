import { Field, ID, InputType } from 'type-graphql';

/** Input of `updateConversation`. */
@InputType({ description: 'Group fields to change; omitted fields stay as they are.' })
export class UpdateConversationInput {
  @Field(() => ID, { description: 'The group.' })
  conversationId!: string;

  @Field(() => String, { nullable: true, description: 'New title, 1–100 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New description, up to 1000 characters; empty removes it.' })
  description?: string | null;
}
