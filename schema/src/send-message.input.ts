import { Field, ID, InputType } from 'type-graphql';
import { TextFormat } from './enums';
import { LocationInput } from './location.input';

/** Input of `sendMessage`. */
@InputType({ description: 'A message to send.' })
export class SendMessageInput {
  @Field(() => ID, { description: 'The conversation to send to.' })
  conversationId!: string;

  @Field(() => ID, {
    description:
      'Idempotency key chosen by the client (1–100 characters of A–Z, a–z, 0–9, `_ . : -`, e.g. a UUID). Sending again with the same key returns the original message and emits nothing.',
  })
  clientMessageId!: string;

  @Field(() => String, {
    defaultValue: '',
    description:
      'The text (or Markdown source), 1–10,000 characters after trimming; newlines and tabs allowed. May be empty with `uploadIds` (it is then the caption) or `location`.',
  })
  text!: string;

  @Field(() => ID, { nullable: true, description: 'A message of the same conversation this one replies to.' })
  replyToId?: string | null;

  @Field(() => TextFormat, {
    defaultValue: TextFormat.PLAIN,
    description: 'How the text is meant to be rendered; MARKDOWN stores the source as written.',
  })
  format?: TextFormat;

  @Field(() => ID, {
    nullable: true,
    description:
      'Sends the message as a reply in the thread of this root message (same conversation, not itself a thread reply).',
  })
  threadRootId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Uploads to attach (1–10), each created by the sender with `createUpload`, its bytes sent, not yet attached and not expired. Makes a MEDIA message.',
  })
  uploadIds?: string[] | null;

  @Field(() => LocationInput, { nullable: true, description: 'A place to share. Makes a LOCATION message.' })
  location?: LocationInput | null;
}
