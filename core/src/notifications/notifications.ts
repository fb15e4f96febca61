import type { BlockStore } from '../ports/block.store';
import type { ConversationStore } from '../ports/conversation.store';
import type { JobQueue } from '../ports/job-queue';
import type { Mailer } from '../ports/mailer';
import type { NotificationStore } from '../ports/notification.store';
import type { PresenceStore } from '../ports/presence.store';
import type { PushSender } from '../ports/push-sender';
import type { UserStore } from '../ports/user.store';
import { createNotificationDelivery } from './notification-delivery';
import { createNotificationSettingsService } from './notification-settings.service';

/** What notifications are built from; each part is left out without the ports it needs. */
export interface NotificationParts {
  notifications?: NotificationStore | undefined;
  jobs?: JobQueue | undefined;
  push?: PushSender | undefined;
  mailer?: Mailer | undefined;
  users: UserStore;
  blocks: BlockStore;
  presence: PresenceStore;
  conversations: ConversationStore;
  settings: { publicUrl: string; secret: string; aggregateSeconds?: number; emailAfterSeconds?: number };
}

/** The notification settings service (null without a store) and delivery (null without a store and a job queue). */
export function createNotifications(p: NotificationParts) {
  const store = p.notifications;
  const { aggregateSeconds, emailAfterSeconds } = p.settings;
  return {
    settings: store
      ? createNotificationSettingsService({
          store,
          conversations: p.conversations,
          presence: p.presence,
          push: p.push ?? null,
          secret: p.settings.secret,
        })
      : null,
    delivery:
      store && p.jobs
        ? createNotificationDelivery({
            store,
            conversations: p.conversations,
            users: p.users,
            blocks: p.blocks,
            presence: p.presence,
            queue: p.jobs,
            push: p.push ?? null,
            mailer: p.mailer ?? null,
            publicUrl: p.settings.publicUrl,
            secret: p.settings.secret,
            ...(aggregateSeconds !== undefined ? { aggregateSeconds } : {}),
            ...(emailAfterSeconds !== undefined ? { emailAfterSeconds } : {}),
          })
        : null,
  };
}
