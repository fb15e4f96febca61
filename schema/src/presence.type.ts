import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

/** A user's presence status. */
export enum PresenceStatus {
  ONLINE = 'ONLINE',
  AWAY = 'AWAY',
  BUSY = 'BUSY',
  OFFLINE = 'OFFLINE',
  INVISIBLE = 'INVISIBLE',
}

/** Who may see a presence detail. */
export enum Visibility {
  EVERYONE = 'EVERYONE',
  CONTACTS = 'CONTACTS',
  NOBODY = 'NOBODY',
}

registerEnumType(PresenceStatus, {
  name: 'PresenceStatus',
  description: 'Whether a user is around.',
  valuesConfig: {
    ONLINE: { description: 'Connected on at least one device and active in the last 5 minutes.' },
    AWAY: { description: 'Connected but idle for 5 minutes, or chosen.' },
    BUSY: { description: 'Connected and chose to show as busy.' },
    OFFLINE: { description: 'No device connected, or not visible to the viewer.' },
    INVISIBLE: { description: 'Connected but appearing OFFLINE to others; only ever shown to the user themself.' },
  },
});
registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'Who may see a presence detail.',
  valuesConfig: {
    EVERYONE: { description: 'Every signed-in user.' },
    CONTACTS: { description: 'People who share at least one conversation with the user.' },
    NOBODY: { description: 'No one else; others see OFFLINE and no last-seen time.' },
  },
});

/** A user's presence as the viewer may see it. */
@ObjectType({ description: 'A user’s presence as the viewer may see it (filtered by the user’s privacy settings).' })
export class Presence {
  @Field(() => PresenceStatus, { description: 'Current status; OFFLINE when the viewer may not see it.' })
  status!: PresenceStatus;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the user was last connected; only while OFFLINE and when the viewer may see it.',
  })
  lastSeenAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Status text the user chose (1–80 characters), if any and visible.',
  })
  statusText!: string | null;
}

/** A change of one watched user's presence. */
@ObjectType({ description: 'A watched user’s presence changed, as the viewer may see it.' })
export class PresenceEvent {
  @Field(() => ID, { description: 'The user whose presence changed.' })
  userId!: string;

  @Field(() => Presence, { description: 'The new presence.' })
  presence!: Presence;
}

/** The signed-in user's presence privacy settings. */
@ObjectType({ description: 'Who may see the signed-in user’s presence, last-seen time and reads.' })
export class PrivacySettings {
  @Field(() => Visibility, { description: 'Who sees the status (others see OFFLINE). Default EVERYONE.' })
  presenceVisibility!: Visibility;

  @Field(() => Visibility, { description: 'Who sees the last-seen time (others see null). Default EVERYONE.' })
  lastSeenVisibility!: Visibility;

  @Field(() => Boolean, {
    description:
      'Whether the user’s reads count in others’ receipts; off also hides read state of their own messages from them. Default true.',
  })
  readReceipts!: boolean;
}
