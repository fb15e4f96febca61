import { timingSafeEqual } from 'node:crypto';
import type { ConversationStore } from '../ports/conversation.store';
import type { NotificationStore } from '../ports/notification.store';
import type { PresenceStore } from '../ports/presence.store';
import type { PushSender } from '../ports/push-sender';
import { NotFoundError, ValidationError } from '../shared/errors';
import { FieldErrors, isId } from '../shared/validate';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  NOTIFICATION_LOCALES,
  type NotificationLevel,
  type NotificationSettings,
  type QuietHours,
} from './notification.model';
import { unsubscribeSignature } from './notification-delivery';
import { isTimeZone, minutesOf } from './notification-rules';

/** Settings of {@link createNotificationSettingsService}. */
export interface NotificationSettingsDeps {
  store: NotificationStore;
  conversations: Pick<ConversationStore, 'getMemberships'>;
  presence: Pick<PresenceStore, 'setFocus'>;
  push: PushSender | null;
  /** Signs unsubscribe links (as the delivery does). */
  secret: string;
  /** How long a client's "in the foreground" report holds without a refresh. @default 70 s */
  focusTtlMs?: number;
  now?: () => Date;
}

/** What `updateNotificationSettings` takes; what is left out stays as it was. */
export type NotificationSettingsPatch = Partial<NotificationSettings>;

const LEVELS: readonly NotificationLevel[] = ['ALL', 'MENTIONS', 'NONE'];
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,255}\.[^\s@<>()[\]\\,;:".]{2,63}$/;
const BASE64URL = /^[A-Za-z0-9_-]+=*$/;

function checkQuietHours(errors: FieldErrors, q: QuietHours | null | undefined): void {
  if (!q) return;
  errors.check(minutesOf(q.start) === null, 'quietHours.start', 'must be a time as HH:MM (24-hour)');
  errors.check(minutesOf(q.end) === null, 'quietHours.end', 'must be a time as HH:MM (24-hour)');
  errors.check(!isTimeZone(q.timeZone), 'quietHours.timeZone', 'must be an IANA time zone such as Europe/Berlin');
}

/** Who may be notified how: devices, settings, per-conversation levels and which clients are in the foreground. */
export function createNotificationSettingsService(d: NotificationSettingsDeps) {
  const now = d.now ?? (() => new Date());
  const focusTtlMs = d.focusTtlMs ?? 70_000;

  return {
    /** The key browsers need to subscribe to this server's pushes. */
    vapidPublicKey(): string {
      if (!d.push) throw new ValidationError({ push: 'push notifications are not configured on this server' });
      return d.push.publicKey;
    },

    /** Registers this device's push subscription (per endpoint: registering again updates it). */
    async registerPush(viewerId: string, input: { endpoint: string; p256dh: string; auth: string }): Promise<boolean> {
      const errors = new FieldErrors();
      const url = URL.canParse(input.endpoint) ? new URL(input.endpoint) : null;
      errors.check(
        !url || url.protocol !== 'https:' || input.endpoint.length > 2000,
        'endpoint',
        'must be an https URL',
      );
      errors.check(
        !BASE64URL.test(input.p256dh) || input.p256dh.length < 80 || input.p256dh.length > 100,
        'p256dh',
        'must be a P-256 public key in base64url',
      );
      errors.check(
        !BASE64URL.test(input.auth) || input.auth.length < 16 || input.auth.length > 32,
        'auth',
        'must be a 16-byte secret in base64url',
      );
      errors.throwIfAny();
      await d.store.savePush({
        endpoint: input.endpoint,
        userId: viewerId,
        p256dh: input.p256dh,
        auth: input.auth,
        createdAt: now().toISOString(),
        lastSuccessAt: null,
      });
      return true;
    },

    /** Removes one of the viewer's devices; false when it was not registered to them. */
    unregisterPush(viewerId: string, endpoint: string): Promise<boolean> {
      return d.store.removePush(endpoint, viewerId);
    },

    async settingsOf(viewerId: string): Promise<NotificationSettings> {
      return (await d.store.settings([viewerId])).get(viewerId) ?? DEFAULT_NOTIFICATION_SETTINGS;
    },

    async updateSettings(viewerId: string, patch: NotificationSettingsPatch): Promise<NotificationSettings> {
      const current = await this.settingsOf(viewerId);
      const next: NotificationSettings = {
        showPreviews: patch.showPreviews ?? current.showPreviews,
        emailFallback: patch.emailFallback ?? current.emailFallback,
        emailAddress: patch.emailAddress === undefined ? current.emailAddress : patch.emailAddress?.trim() || null,
        quietHours: patch.quietHours === undefined ? current.quietHours : patch.quietHours,
        locale: patch.locale ?? current.locale,
      };
      const errors = new FieldErrors();
      errors.check(
        next.emailAddress !== null && !EMAIL.test(next.emailAddress),
        'emailAddress',
        'must be an e-mail address',
      );
      errors.check(
        next.emailFallback && next.emailAddress === null,
        'emailAddress',
        'is needed for the e-mail fallback',
      );
      errors.check(
        !NOTIFICATION_LOCALES.includes(next.locale),
        'locale',
        `must be one of ${NOTIFICATION_LOCALES.join(', ')}`,
      );
      checkQuietHours(errors, next.quietHours);
      errors.throwIfAny();
      await d.store.saveSettings(viewerId, next);
      return next;
    },

    /** Sets the viewer's level in a conversation; `mutedUntil` silences it until then whatever the level. */
    async setLevel(viewerId: string, conversationId: string, level: string, mutedUntil: string | null): Promise<void> {
      const errors = new FieldErrors();
      errors.check(!LEVELS.includes(level as NotificationLevel), 'level', 'must be ALL, MENTIONS or NONE');
      errors.check(
        mutedUntil !== null && Number.isNaN(Date.parse(mutedUntil)),
        'mutedUntil',
        'must be a date and time',
      );
      errors.throwIfAny();
      if (!isId(conversationId)) throw new NotFoundError('Conversation');
      const set = await d.store.setLevel({
        conversationId,
        userId: viewerId,
        level: level as NotificationLevel,
        mutedUntil: mutedUntil && new Date(mutedUntil).toISOString(),
      });
      if (!set) throw new NotFoundError('Conversation');
    },

    /** Turns the e-mail fallback off from an e-mail's link; false for a link this server did not sign. */
    async unsubscribeEmail(userId: string, signature: string): Promise<boolean> {
      const expected = Buffer.from(unsubscribeSignature(d.secret, userId));
      const given = Buffer.from(signature);
      if (!isId(userId) || given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
      const current = await this.settingsOf(userId);
      await d.store.saveSettings(userId, { ...current, emailFallback: false });
      return true;
    },

    /** The viewer's own level and mute in a conversation (null level: the default applies). */
    async levelOf(viewerId: string, conversationId: string) {
      const [own] = await d.store.levels(conversationId, [viewerId]);
      return { level: own?.level ?? null, mutedUntil: own?.mutedUntil ?? null };
    },

    /**
     * A client says whether it is in the foreground and which conversation it shows; it repeats this
     * while visible. Users with a client in the foreground get no pushes: the app shows the message.
     */
    async reportFocus(viewerId: string, clientId: string, visible: boolean, conversationId: string | null) {
      const errors = new FieldErrors();
      errors.check(!/^[\w-]{8,64}$/.test(clientId), 'clientId', 'must be 8 to 64 letters, digits, _ or -');
      errors.check(conversationId !== null && !isId(conversationId), 'conversationId', 'must be a valid ID');
      errors.throwIfAny();
      if (conversationId && visible) {
        const [member] = await d.conversations.getMemberships([{ conversationId, userId: viewerId }]);
        if (!member) throw new NotFoundError('Conversation');
      }
      await d.presence.setFocus(
        viewerId,
        clientId,
        visible ? { conversationId, expiresAt: now().getTime() + focusTtlMs } : null,
      );
      return true;
    },
  };
}

/** The notification settings service's surface. */
export type NotificationSettingsService = ReturnType<typeof createNotificationSettingsService>;
