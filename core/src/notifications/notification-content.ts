import type { Conversation } from '../conversations/conversation.model';
import type { Message } from '../messages/message.model';
import type { ConversationStore } from '../ports/conversation.store';
import type { NotificationStore } from '../ports/notification.store';
import type { UserStore } from '../ports/user.store';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from './notification.model';
import { preview, stringsFor } from './notification-text';

/** What content needs to read. */
interface ContentDeps {
  store: NotificationStore;
  conversations: ConversationStore;
  users: Pick<UserStore, 'findByIds'>;
  publicUrl: string;
}

/** What the service worker receives: it shows `title`/`body` under `tag` and opens `url` on a click. */
export interface PushContent {
  title: string;
  body: string;
  tag: string;
  url: string;
  conversationId: string;
  messageId: string;
  seq: number;
  count: number;
  actions: { action: 'reply' | 'read'; title: string }[];
}

/** How a conversation is named to one of its members: its title, or the other person's name. */
async function titleFor(d: ContentDeps, c: Conversation, viewerId: string): Promise<string> {
  if (c.kind === 'GROUP') return c.title ?? 'Group';
  const members = await d.conversations.listMembers(c.id, 2, null);
  const other = members.find((m) => m.userId !== viewerId);
  const [user] = other ? await d.users.findByIds([other.userId]) : [];
  return user?.displayName ?? 'Parley';
}

function summary(m: Message, locale: string): string {
  const s = stringsFor(locale);
  if (m.text) return preview(m.text);
  if (m.kind === 'LOCATION') return s.location;
  return s.attachment;
}

/** What every member's push about a conversation shares: read once per burst, not once per member. */
export interface PushTopic {
  conversation: Conversation;
  latest: Message;
  senderName: string;
}

/** The conversation and its newest message (timeline only), with its sender's name; null when there is nothing to tell. */
export async function pushTopic(d: ContentDeps, conversationId: string): Promise<PushTopic | null> {
  const [c] = await d.conversations.getConversations([conversationId]);
  if (!c) return null;
  const page = await d.conversations.history(conversationId, { limit: 1 });
  const latest = page.messages[page.messages.length - 1];
  if (!latest || latest.deletedAt) return null;
  const [sender] = latest.senderId ? await d.users.findByIds([latest.senderId]) : [];
  return { conversation: c, latest, senderName: sender?.displayName ?? 'Parley' };
}

/** The push for `unread` unread messages of a conversation, written from the newest. */
export async function buildPush(
  d: ContentDeps,
  userId: string,
  topic: PushTopic,
  unread: number,
): Promise<PushContent> {
  const { conversation: c, latest, senderName: from } = topic;
  const conversationId = c.id;
  const settings = (await d.store.settings([userId])).get(userId) ?? DEFAULT_NOTIFICATION_SETTINGS;
  const s = stringsFor(settings.locale);
  let title = 'Parley';
  let body = unread > 1 ? s.newMessages(unread) : s.newMessage;
  if (settings.showPreviews) {
    title = await titleFor(d, c, userId);
    const text = summary(latest, settings.locale);
    body =
      unread > 1
        ? `${s.from(s.newMessages(unread), from)}\n${c.kind === 'GROUP' ? `${from}: ` : ''}${text}`
        : c.kind === 'GROUP'
          ? `${from}: ${text}`
          : text;
  }
  return {
    title,
    body,
    tag: `conversation:${conversationId}`,
    url: `/c/${conversationId}?message=${latest.id}`,
    conversationId,
    messageId: latest.id,
    seq: latest.seq,
    count: unread,
    actions: [
      { action: 'reply', title: s.reply },
      { action: 'read', title: s.markRead },
    ],
  };
}

/** The push for a reply in a thread the user takes part in (thread replies are not counted as unread). */
export async function buildThreadPush(d: ContentDeps, userId: string, messageId: string): Promise<PushContent | null> {
  const [m] = await d.conversations.getMessages([messageId]);
  if (!m || m.deletedAt || !m.threadRootId) return null;
  const [c] = await d.conversations.getConversations([m.conversationId]);
  if (!c) return null;
  const settings = (await d.store.settings([userId])).get(userId) ?? DEFAULT_NOTIFICATION_SETTINGS;
  const s = stringsFor(settings.locale);
  const [sender] = m.senderId ? await d.users.findByIds([m.senderId]) : [];
  const from = sender?.displayName ?? 'Parley';
  return {
    title: settings.showPreviews ? `${s.threadReply} · ${await titleFor(d, c, userId)}` : 'Parley',
    body: settings.showPreviews ? `${from}: ${summary(m, settings.locale)}` : s.newMessage,
    tag: `thread:${m.threadRootId}`,
    url: `/c/${c.id}?thread=${m.threadRootId}`,
    conversationId: c.id,
    messageId: m.id,
    seq: m.seq,
    count: 1,
    actions: [
      { action: 'reply', title: s.reply },
      { action: 'read', title: s.markRead },
    ],
  };
}

/** The e-mail digest of a user's unread conversations; null when nothing is unread. */
export async function buildDigest(
  d: ContentDeps,
  userId: string,
  settings: NotificationSettings,
  signature: string,
): Promise<{ subject: string; text: string; headers: Record<string, string> } | null> {
  const ids = await d.conversations.conversationIdsOf(userId);
  const counts = await d.conversations.unreadCounts(userId, ids);
  const unread = [...counts].filter(([, n]) => n.messages > 0);
  if (unread.length === 0) return null;
  const conversations = await d.conversations.getConversations(unread.map(([id]) => id));
  const s = stringsFor(settings.locale);
  const lines: string[] = [];
  for (const c of conversations) {
    // Names only, never message text: an e-mail can be read by more people than a locked phone.
    lines.push(s.digestLine(await titleFor(d, c, userId), counts.get(c.id)!.messages));
  }
  const unsubscribe = `${d.publicUrl}/notifications/unsubscribe?u=${userId}&sig=${signature}`;
  return {
    subject: s.digestSubject(unread.length),
    text: `${s.digestIntro}\n\n${lines.join('\n')}\n\n${d.publicUrl}/\n\n${s.unsubscribe} ${unsubscribe}\n`,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
