import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { MessageKind, TextFormat } from './enums';
import { Location } from './attachment.type';
import { ForwardInfo } from './forward-info.type';

/** A message; its users, reply, reactions, thread and receipt are resolved by MessageResolver. */
@ObjectType({ description: 'A message in a conversation.' })
export class Message {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The conversation it belongs to.' })
  conversationId!: string;

  @Field(() => Int, { description: 'The conversation event seq at which it was created; orders messages.' })
  seq!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The sender’s idempotency key, echoed back; null for system messages.',
  })
  clientMessageId!: string | null;

  @Field(() => MessageKind, { description: 'User text or a system notice.' })
  kind!: MessageKind;

  @Field(() => String, {
    nullable: true,
    description:
      'The text as written, 1–10,000 characters (Markdown source when `format` is MARKDOWN; never HTML); null once deleted.',
  })
  text!: string | null;

  @Field(() => TextFormat, { description: 'How `text` is meant to be rendered.' })
  format!: TextFormat;

  @Field(() => ID, { nullable: true, description: 'On a reply in a thread: the thread’s root message.' })
  threadRootId!: string | null;

  @Field(() => ForwardInfo, { nullable: true, description: 'On a forwarded copy: where it came from.' })
  forwardedFrom!: ForwardInfo | null;

  @Field(() => Location, { nullable: true, description: 'On a LOCATION message: the place shared.' })
  location!: Location | null;

  @Field(() => DateTimeScalar, { description: 'When it was sent.' })
  createdAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last edited, if ever.' })
  editedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was deleted, if it was.' })
  deletedAt!: string | null;
}
