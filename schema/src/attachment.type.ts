import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AttachmentKind } from './enums';

/** A file attached to a message; its URLs are signed and short-lived, so re-read them when they expire. */
@ObjectType({ description: 'A file attached to a message. URLs are signed, expire, and are given to members only.' })
export class Attachment {
  @Field(() => ID, { description: 'The upload it came from.' })
  id!: string;

  @Field(() => AttachmentKind, { description: 'What it is, decided from its bytes.' })
  kind!: AttachmentKind;

  @Field(() => String, { description: 'The file name the uploader gave (no path).' })
  filename!: string;

  @Field(() => String, { description: 'The media type sniffed from the bytes (not the declared one).' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes of what `url` serves.' })
  byteSize!: number;

  @Field(() => String, { description: 'Where to download it: a signed URL valid for about an hour.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'IMAGE: a small preview (at most 320 px), signed like `url`.' })
  thumbnailUrl!: string | null;

  @Field(() => Int, { nullable: true, description: 'IMAGE: width in pixels, after EXIF orientation.' })
  width!: number | null;

  @Field(() => Int, { nullable: true, description: 'IMAGE: height in pixels, after EXIF orientation.' })
  height!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'VIDEO and AUDIO: duration in milliseconds, when the container says.',
  })
  durationMs!: number | null;
}

/** A place shared in a message. */
@ObjectType({ description: 'A place shared in a LOCATION message.' })
export class Location {
  @Field(() => Float, { description: 'Degrees north, −90 to 90.' })
  latitude!: number;

  @Field(() => Float, { description: 'Degrees east, −180 to 180.' })
  longitude!: number;

  @Field(() => String, { nullable: true, description: 'A name for the place, up to 200 characters.' })
  label!: string | null;
}
