/** How much of a conversation a member is notified of. */
export type NotificationLevel = 'ALL' | 'MENTIONS' | 'NONE';

/** Languages notifications are written in. */
export const NOTIFICATION_LOCALES = ['en', 'de'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

/** Hours without pushes, in the user's time zone; `start` may be after `end` (overnight). */
export interface QuietHours {
  /** "HH:MM", 24-hour. */
  start: string;
  end: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
}

/** A user's notification settings. */
export interface NotificationSettings {
  /** Sender and text in notifications; off: "New message" only. */
  showPreviews: boolean;
  /** E-mail a digest of unread conversations when pushes do not reach the user. */
  emailFallback: boolean;
  emailAddress: string | null;
  quietHours: QuietHours | null;
  locale: NotificationLocale;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  showPreviews: true,
  emailFallback: false,
  emailAddress: null,
  quietHours: null,
  locale: 'en',
};

/** A browser's Web Push subscription (one per device and browser). */
export interface PushSubscriptionRecord {
  endpoint: string;
  userId: string;
  p256dh: string;
  auth: string;
  createdAt: string;
  /** When a push to it last succeeded. */
  lastSuccessAt: string | null;
}

/** A member's own level for one conversation; null level means the default for its kind and size. */
export interface ConversationNotificationLevel {
  conversationId: string;
  userId: string;
  level: NotificationLevel | null;
  mutedUntil: string | null;
}

/** One attempt to deliver a notification (delivery tracking). */
export interface DeliveryAttempt {
  userId: string;
  conversationId: string | null;
  channel: 'push' | 'email';
  /** The push endpoint's origin, or the e-mail domain: enough to tell services apart, no address. */
  target: string;
  status: 'sent' | 'gone' | 'retry' | 'failed' | 'skipped';
  statusCode: number | null;
  attempt: number;
  at: string;
}
