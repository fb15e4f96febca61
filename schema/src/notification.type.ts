import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';

/** How much of a conversation a member is notified of. */
export enum NotificationLevel {
  ALL = 'ALL',
  MENTIONS = 'MENTIONS',
  NONE = 'NONE',
}
registerEnumType(NotificationLevel, {
  name: 'NotificationLevel',
  description:
    'Which messages of a conversation notify a member. Defaults: ALL in direct conversations and groups of up to 50 members, MENTIONS in larger groups.',
  valuesConfig: {
    ALL: { description: 'Every message.' },
    MENTIONS: { description: 'Messages that mention the member.' },
    NONE: { description: 'None.' },
  },
});

/** Hours without pushes. */
@ObjectType({ description: 'Hours without push notifications, on the user’s wall clock; may span midnight.' })
export class QuietHours {
  @Field(() => String, { description: 'Start, "HH:MM" (24-hour).' })
  start!: string;

  @Field(() => String, { description: 'End, "HH:MM" (24-hour).' })
  end!: string;

  @Field(() => String, { description: 'IANA time zone, e.g. "Europe/Berlin".' })
  timeZone!: string;
}

@InputType({ description: 'Hours without push notifications.' })
export class QuietHoursInput {
  @Field(() => String, { description: '"HH:MM" (24-hour).' })
  start!: string;

  @Field(() => String, { description: '"HH:MM" (24-hour).' })
  end!: string;

  @Field(() => String, { description: 'IANA time zone, e.g. "Europe/Berlin".' })
  timeZone!: string;
}

/** The viewer's notification settings. */
@ObjectType({ description: 'How the viewer is notified when away.' })
export class NotificationSettings {
  @Field(() => Boolean, { description: 'Sender and text in notifications; off: “New message” only.' })
  showPreviews!: boolean;

  @Field(() => Boolean, { description: 'E-mail a digest of unread conversations when pushes do not reach the viewer.' })
  emailFallback!: boolean;

  @Field(() => String, { nullable: true, description: 'Where the digest goes.' })
  emailAddress!: string | null;

  @Field(() => QuietHours, { nullable: true, description: 'Hours without pushes.' })
  quietHours!: QuietHours | null;

  @Field(() => String, { description: 'Language of notifications and e-mails: "en" or "de".' })
  locale!: string;
}

@InputType({ description: 'Changes to notification settings; fields left out stay as they are.' })
export class NotificationSettingsInput {
  @Field(() => Boolean, { nullable: true })
  showPreviews?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  emailFallback?: boolean | null;

  @Field(() => String, { nullable: true, description: 'null removes it (and turns the e-mail fallback off).' })
  emailAddress?: string | null;

  @Field(() => QuietHoursInput, { nullable: true, description: 'null removes the quiet hours.' })
  quietHours?: QuietHoursInput | null;

  @Field(() => String, { nullable: true, description: '"en" or "de".' })
  locale?: string | null;
}

@InputType({ description: 'A browser’s push subscription (PushSubscription.toJSON(): endpoint and keys).' })
export class PushSubscriptionInput {
  @Field(() => String, { description: 'The push service URL (https).' })
  endpoint!: string;

  @Field(() => String, { description: 'keys.p256dh, base64url.' })
  p256dh!: string;

  @Field(() => String, { description: 'keys.auth, base64url.' })
  auth!: string;
}
