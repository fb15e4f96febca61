import type { NotificationLevel } from '../gql/graphql';

/**
 * The notification screens' English text in one place. The app has no translation layer yet; when it gets one,
 * this object is the table to translate (the server localizes the notifications themselves: `locale`).
 */
export const notificationStrings = {
  title: 'Notifications',
  close: 'Close notification settings',
  loading: 'Loading…',
  offline: 'Notification settings are not available offline.',
  deviceHeading: 'This device',
  deviceToggle: 'Notifications on this device',
  deviceHint: 'Messages that arrive while Parley is closed or in the background',
  deviceOn: 'Notifications are on for this device.',
  deviceOff: 'Notifications are off for this device.',
  deviceWorking: 'Working…',
  sound: 'Sound',
  soundHint: 'A short tone when a message arrives while this tab is in the background (this device only)',
  contentHeading: 'Content',
  previews: 'Show previews',
  previewsHint: 'Sender and text in notifications; off: “New message” only',
  language: 'Language of notifications and e-mails',
  quietHeading: 'Quiet hours',
  quietToggle: 'No notifications during quiet hours',
  quietStart: 'From',
  quietEnd: 'Until',
  timeZone: 'Time zone',
  emailHeading: 'E-mail',
  emailToggle: 'E-mail fallback',
  emailHint: 'A digest of unread conversations when notifications do not reach you',
  emailAddress: 'E-mail address',
  save: 'Save notification settings',
  saved: 'Notification settings saved.',
  nothingChanged: 'Nothing to save.',
  fixFields: 'Check the fields marked above.',
  levelHeading: 'Notify me about',
  muteHeading: 'Mute',
  unmute: 'Unmute',
  muted: 'Muted',
  mutedUntil: (when: string) => `Muted until ${when}`,
} as const;

export const levelLabels: Record<NotificationLevel, string> = {
  ALL: 'All messages',
  MENTIONS: 'Mentions only',
  NONE: 'Nothing',
};

/** The mute choices of the conversation menu; `null` hours: until unmuted. */
export const muteChoices: readonly { label: string; hours: number | null }[] = [
  { label: 'For 1 hour', hours: 1 },
  { label: 'For 8 hours', hours: 8 },
  { label: 'For 1 week', hours: 24 * 7 },
  { label: 'Until I unmute', hours: null },
];
