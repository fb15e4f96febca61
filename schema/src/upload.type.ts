import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

/** A header the client must send with the upload request. */
@ObjectType({ description: 'An HTTP header to send with an upload request.' })
export class HttpHeader {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

/** Where to send an upload's bytes before attaching it to a message. */
@ObjectType({
  description:
    'Where to send a file’s bytes: send them with `method` and `headers` to `uploadUrl` before `expiresAt`, then pass `id` in `sendMessage(input: { uploadIds })`.',
})
export class Upload {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'A signed URL (this server’s `/uploads/…`, or the object store’s).' })
  uploadUrl!: string;

  @Field(() => String, { description: 'The HTTP method to use: PUT.' })
  method!: string;

  @Field(() => [HttpHeader], { description: 'Headers to send exactly as given.' })
  headers!: HttpHeader[];

  @Field(() => DateTimeScalar, {
    description: 'The URL stops working then; an unattached upload is deleted after a day.',
  })
  expiresAt!: string;
}

/** Input of `createUpload`. */
@InputType({ description: 'A file about to be uploaded.' })
export class CreateUploadInput {
  @Field(() => String, { description: 'The file’s name, 1–255 characters; a path is cut to its last part.' })
  filename!: string;

  @Field(() => String, {
    description: 'The declared media type; the server checks the real type from the bytes when the file is attached.',
  })
  contentType!: string;

  @Field(() => Int, {
    description: 'The exact size in bytes: 1 to the server’s limit (25 MiB by default; images 10 MiB).',
  })
  byteSize!: number;
}
