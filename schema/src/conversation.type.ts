import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { ConversationKind } from './enums';

/** A direct or group conversation; per-viewer fields are resolved by ConversationResolver. */
@ObjectType({ description: 'A direct or group conversation the viewer belongs to.' })
export class Conversation {
  @Field(() => ID, { description: 'Stable identifier.' })
  id!: string;

  @Field(() => ConversationKind, { description: 'Direct (two people) or group.' })
  kind!: ConversationKind;

  @Field(() => String, { nullable: true, description: 'Group title, 1–100 characters; null for direct conversations.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Group description, up to 1000 characters.' })
  description!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the conversation was created.' })
  createdAt!: string;

  @Field(() => Int, {
    description: 'Seq of the newest event; subscribe with `afterSeq: lastSeq` to continue from this snapshot.',
  })
  lastSeq!: number;

  @Field(() => DateTimeScalar, { description: 'Time of the newest event; conversation lists are ordered by it.' })
  lastActivityAt!: string;

  @Field(() => Int, { description: 'Number of members.' })
  memberCount!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Days after which this group’s messages are deleted, as its owner set it; null: the server’s default applies. See `effectiveRetentionDays`.',
  })
  retentionDays!: number | null;
}
