import type {
  ConversationNotificationLevel,
  DeliveryAttempt,
  NotificationSettings,
  PushSubscriptionRecord,
} from '../notifications/notification.model';

/** Persistence of notification settings, push subscriptions, levels and delivery attempts. */
export interface NotificationStore {
  /** Settings of `userIds`; users who never saved any are left out (the defaults apply). */
  settings(userIds: readonly string[]): Promise<Map<string, NotificationSettings>>;
  saveSettings(userId: string, settings: NotificationSettings): Promise<void>;
  /**
   * Stores a subscription, keyed by endpoint: registering an endpoint again updates its keys, and
   * moves it to `userId` if another user had it (the browser changed hands).
   */
  savePush(sub: PushSubscriptionRecord): Promise<void>;
  /** Removes `endpoint`, only if it is `userId`'s (any user's when null); true when one was removed. */
  removePush(endpoint: string, userId: string | null): Promise<boolean>;
  /** Subscriptions of `userIds`, by user. */
  pushSubscriptions(userIds: readonly string[]): Promise<Map<string, PushSubscriptionRecord[]>>;
  /**
   * Whether a member of the conversation other than `exceptUserId` has a device for pushes or e-mail
   * fallback on; when none has, a message there can notify nobody.
   */
  hasReachableMember(conversationId: string, exceptUserId: string): Promise<boolean>;
  markPushSuccess(endpoint: string, at: string): Promise<void>;
  /** Levels set in `conversationId` by any of `userIds` (members who never set one are left out). */
  levels(conversationId: string, userIds: readonly string[]): Promise<ConversationNotificationLevel[]>;
  /** Sets a member's level; @returns false when they are not a member. */
  setLevel(level: ConversationNotificationLevel): Promise<boolean>;
  recordAttempt(attempt: DeliveryAttempt): Promise<void>;
  /** Attempts for a user, newest first. */
  attempts(userId: string, limit: number): Promise<DeliveryAttempt[]>;
  /** When the user was last e-mailed, or null. */
  lastEmailAt(userId: string): Promise<string | null>;
  /** Records an e-mail sent at `at` unless one was sent after `notBefore`; false when one was (another node sent it). */
  claimEmail(userId: string, at: string, notBefore: string): Promise<boolean>;
}
