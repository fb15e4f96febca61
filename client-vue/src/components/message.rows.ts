import type { MessageItemFragment } from '../gql/graphql';
import type { SharedLocation } from '../media/location.link';
import type { OutboxAttachment, OutboxEntry } from '../offline/offline.db';
import { dayKey } from '../text/text.format';

export interface MessageRow {
  key: string;
  seq: number | null;
  senderId: string | null;
  senderName: string;
  text: string;
  format: 'PLAIN' | 'MARKDOWN';
  /** Usernames the server found mentioned, to highlight. */
  mentions: string[];
  createdAt: string;
  mine: boolean;
  system: boolean;
  deleted: boolean;
  edited: boolean;
  status: 'sent' | 'pending' | 'failed';
  error?: string;
  replyTo: { senderName: string; text: string } | null;
  /** A waiting message's id in the outbox, and its files still to upload. */
  clientMessageId: string | null;
  pendingFiles: readonly OutboxAttachment[];
  location: SharedLocation | null;
  grouped: boolean;
  day: string;
  message: MessageItemFragment | null;
}

const GROUP_WINDOW_MS = 5 * 60_000;

/** What a quote shows: the text, or what was sent when there is none (a file or a place without caption). */
export function quoteText(message: { kind?: string; text?: string | null }): string {
  if (message.text) return message.text;
  if (message.kind === 'MEDIA') return 'Attachment';
  if (message.kind === 'LOCATION') return 'Location';
  return '';
}

/** Confirmed messages in seq order, then the not yet confirmed ones of the outbox, with grouping decided. */
export function buildRows(
  messages: readonly MessageItemFragment[],
  pending: readonly OutboxEntry[],
  meId: string | null,
  meName: string,
): MessageRow[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const confirmed = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
  const rows: MessageRow[] = messages.map((m) => ({
    key: m.id,
    seq: m.seq,
    senderId: m.sender?.id ?? null,
    senderName: m.sender?.displayName ?? 'Parley',
    text: m.text ?? '',
    format: m.format,
    mentions: m.mentions.map((u) => u.username),
    createdAt: m.createdAt,
    mine: m.sender?.id === meId,
    system: m.kind === 'SYSTEM',
    deleted: Boolean(m.deletedAt),
    edited: Boolean(m.editedAt),
    status: 'sent',
    replyTo: m.replyTo
      ? {
          senderName: m.replyTo.sender?.displayName ?? 'Parley',
          text: m.replyTo.deletedAt ? 'Message deleted' : quoteText(m.replyTo),
        }
      : null,
    clientMessageId: m.clientMessageId ?? null,
    pendingFiles: [],
    location: m.location ?? null,
    grouped: false,
    day: dayKey(m.createdAt),
    message: m,
  }));
  for (const entry of pending) {
    if (confirmed.has(entry.clientMessageId)) continue;
    const quoted = entry.replyToId ? byId.get(entry.replyToId) : undefined;
    rows.push({
      key: `pending:${entry.clientMessageId}`,
      seq: null,
      senderId: meId,
      senderName: meName,
      text: entry.text,
      format: entry.format ?? 'PLAIN',
      mentions: [],
      createdAt: entry.createdAt,
      mine: true,
      system: false,
      deleted: false,
      edited: false,
      status: entry.status,
      error: entry.error,
      replyTo: quoted ? { senderName: quoted.sender?.displayName ?? 'Parley', text: quoteText(quoted) } : null,
      clientMessageId: entry.clientMessageId,
      pendingFiles: entry.attachments ?? [],
      location: entry.location ?? null,
      grouped: false,
      day: dayKey(entry.createdAt),
      message: null,
    });
  }
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    row.grouped = Boolean(
      previous &&
      !previous.system &&
      !row.system &&
      previous.senderId === row.senderId &&
      previous.day === row.day &&
      Date.parse(row.createdAt) - Date.parse(previous.createdAt) < GROUP_WINDOW_MS,
    );
  });
  return rows;
}

/**
 * The row the "New messages" divider goes above: the oldest of the last `unread` messages of others (what the
 * unread count counts: not deleted, not notices). Null when nothing was unread, and when the first unread one is
 * older than the window: a divider on the oldest row shown would claim a start that is not there (the chat then
 * opens at the newest, as without unread messages).
 */
export function unreadDividerKey(rows: readonly MessageRow[], unread: number): string | null {
  if (unread <= 0) return null;
  let left = unread;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row.mine || row.system || row.deleted || row.status !== 'sent') continue;
    left--;
    if (left === 0) return row.key;
  }
  return null;
}
