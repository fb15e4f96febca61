import type { ConversationStore } from '../ports/conversation.store';
import type { NotificationStore } from '../ports/notification.store';
import type {
  ConversationNotificationLevel,
  DeliveryAttempt,
  NotificationSettings,
  PushSubscriptionRecord,
} from '../notifications/notification.model';

/** {@link NotificationStore} in process memory; levels need the members of `conversations`. */
export function createMemoryNotificationStore(
  conversations: Pick<ConversationStore, 'getMemberships'>,
): NotificationStore {
  const settings = new Map<string, NotificationSettings>();
  const subs = new Map<string, PushSubscriptionRecord>();
  const levels = new Map<string, ConversationNotificationLevel>();
  const attempts: DeliveryAttempt[] = [];
  const emailed = new Map<string, string>();
  const copy = <T>(v: T): T => structuredClone(v);
  return {
    async settings(userIds) {
      return new Map(userIds.filter((id) => settings.has(id)).map((id) => [id, copy(settings.get(id)!)]));
    },
    async saveSettings(userId, s) {
      settings.set(userId, copy(s));
    },
    async savePush(sub) {
      const prior = subs.get(sub.endpoint);
      subs.set(sub.endpoint, { ...copy(sub), createdAt: prior?.createdAt ?? sub.createdAt });
    },
    async removePush(endpoint, userId) {
      const s = subs.get(endpoint);
      if (!s || (userId !== null && s.userId !== userId)) return false;
      return subs.delete(endpoint);
    },
    async hasReachableMember(conversationId, exceptUserId) {
      const reachable = new Set([
        ...[...subs.values()].map((x) => x.userId),
        ...[...settings].filter(([, x]) => x.emailFallback && x.emailAddress).map(([id]) => id),
      ]);
      reachable.delete(exceptUserId);
      if (reachable.size === 0) return false;
      const members = await conversations.getMemberships([...reachable].map((userId) => ({ conversationId, userId })));
      return members.length > 0;
    },
    async pushSubscriptions(userIds) {
      const out = new Map<string, PushSubscriptionRecord[]>();
      for (const s of subs.values()) {
        if (!userIds.includes(s.userId)) continue;
        out.set(s.userId, [...(out.get(s.userId) ?? []), copy(s)]);
      }
      return out;
    },
    async markPushSuccess(endpoint, at) {
      const s = subs.get(endpoint);
      if (s) s.lastSuccessAt = at;
    },
    async levels(conversationId, userIds) {
      return userIds.flatMap((id) => {
        const l = levels.get(`${conversationId}|${id}`);
        return l ? [copy(l)] : [];
      });
    },
    async setLevel(level) {
      const [member] = await conversations.getMemberships([
        { conversationId: level.conversationId, userId: level.userId },
      ]);
      if (!member) return false;
      levels.set(`${level.conversationId}|${level.userId}`, copy(level));
      return true;
    },
    async recordAttempt(a) {
      attempts.push(copy(a));
    },
    async attempts(userId, limit) {
      return attempts
        .filter((a) => a.userId === userId)
        .reverse()
        .slice(0, limit)
        .map(copy);
    },
    async lastEmailAt(userId) {
      return emailed.get(userId) ?? null;
    },
    async claimEmail(userId, at, notBefore) {
      const last = emailed.get(userId);
      if (last !== undefined && last > notBefore) return false;
      emailed.set(userId, at);
      return true;
    },
  };
}
