import type { ConversationStore } from '../ports/conversation.store';
import type { PresenceSettingsStore } from '../ports/presence-settings.store';
import type { UserStore } from '../ports/user.store';
import type { PresenceSettings } from '../presence/presence.model';

const DEFAULTS: PresenceSettings = {
  chosenStatus: null,
  statusText: null,
  presenceVisibility: 'EVERYONE',
  lastSeenVisibility: 'EVERYONE',
  lastSeenAt: null,
  readReceipts: true,
};

/**
 * {@link PresenceSettingsStore} in process memory. Settings belong to users, so it answers only for
 * users the user store knows; contacts are people who share a conversation in the conversation store.
 */
export function createMemoryPresenceSettingsStore(
  users: Pick<UserStore, 'findByIds'>,
  conversations: Pick<ConversationStore, 'conversationIdsOf' | 'getMemberships'>,
): PresenceSettingsStore {
  const settings = new Map<string, PresenceSettings>();
  const known = async (userId: string) => (await users.findByIds([userId])).length > 0;
  const current = (userId: string) => settings.get(userId) ?? { ...DEFAULTS };
  return {
    async get(userIds) {
      const found = await users.findByIds(userIds);
      return new Map(found.map((u) => [u.id, { ...current(u.id) }]));
    },
    async setChosenStatus(userId, chosenStatus, statusText) {
      if (await known(userId)) settings.set(userId, { ...current(userId), chosenStatus, statusText });
    },
    async setPrivacy(userId, presenceVisibility, lastSeenVisibility, readReceipts) {
      if (!(await known(userId))) return null;
      const before = current(userId);
      const next = {
        ...before,
        presenceVisibility,
        lastSeenVisibility,
        readReceipts: readReceipts ?? before.readReceipts,
      };
      settings.set(userId, next);
      return { ...next };
    },
    async setLastSeen(userId, at) {
      if (!(await known(userId))) return;
      const s = current(userId);
      if (!s.lastSeenAt || s.lastSeenAt < at) settings.set(userId, { ...s, lastSeenAt: at });
    },
    async contactsAmong(viewerId, userIds) {
      const out = new Set<string>();
      const others = userIds.filter((id) => id !== viewerId);
      for (const conversationId of await conversations.conversationIdsOf(viewerId)) {
        const members = await conversations.getMemberships(others.map((userId) => ({ conversationId, userId })));
        for (const m of members) out.add(m.userId);
      }
      return out;
    },
  };
}
