import type { NotificationLocale } from './notification.model';

/** What a notification says, in the recipient's language. */
interface Strings {
  newMessage: string;
  threadReply: string;
  newMessages: (n: number) => string;
  from: (text: string, sender: string) => string;
  reply: string;
  markRead: string;
  attachment: string;
  location: string;
  digestSubject: (n: number) => string;
  digestIntro: string;
  digestLine: (title: string, n: number) => string;
  unsubscribe: string;
}

const STRINGS: Record<NotificationLocale, Strings> = {
  en: {
    newMessage: 'New message',
    threadReply: 'Reply in thread',
    newMessages: (n) => `${n} new messages`,
    from: (text, sender) => `${text} from ${sender}`,
    reply: 'Reply',
    markRead: 'Mark as read',
    attachment: '📎 Attachment',
    location: '📍 Location',
    digestSubject: (n) =>
      n === 1 ? 'You have unread messages in 1 conversation' : `You have unread messages in ${n} conversations`,
    digestIntro: 'While you were away:',
    digestLine: (title, n) => `- ${title}: ${n === 1 ? '1 unread message' : `${n} unread messages`}`,
    unsubscribe: 'Stop these e-mails:',
  },
  de: {
    newMessage: 'Neue Nachricht',
    threadReply: 'Antwort im Thread',
    newMessages: (n) => `${n} neue Nachrichten`,
    from: (text, sender) => `${text} von ${sender}`,
    reply: 'Antworten',
    markRead: 'Als gelesen markieren',
    attachment: '📎 Anhang',
    location: '📍 Standort',
    digestSubject: (n) =>
      n === 1
        ? 'Du hast ungelesene Nachrichten in 1 Unterhaltung'
        : `Du hast ungelesene Nachrichten in ${n} Unterhaltungen`,
    digestIntro: 'Während du weg warst:',
    digestLine: (title, n) => `- ${title}: ${n === 1 ? '1 ungelesene Nachricht' : `${n} ungelesene Nachrichten`}`,
    unsubscribe: 'Diese E-Mails abbestellen:',
  },
};

/** The strings of `locale`, English for any other. */
export function stringsFor(locale: string): Strings {
  return STRINGS[locale as NotificationLocale] ?? STRINGS.en;
}

/** Shortens a preview to `max` characters on a word boundary where one is near. */
export function preview(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
