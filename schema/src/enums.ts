import { registerEnumType } from 'type-graphql';

/** Kind of conversation. */
export enum ConversationKind {
  DIRECT = 'DIRECT',
  GROUP = 'GROUP',
}
/** A member's role. */
export enum MemberRole {
  OWNER = 'OWNER',
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
}
/** Kind of message. */
export enum MessageKind {
  TEXT = 'TEXT',
  SYSTEM = 'SYSTEM',
  MEDIA = 'MEDIA',
  LOCATION = 'LOCATION',
}
/** What an attached file is, sniffed from its bytes. */
export enum AttachmentKind {
  IMAGE = 'IMAGE',
  VIDEO = 'VIDEO',
  AUDIO = 'AUDIO',
  FILE = 'FILE',
}

/** How a message's text is meant to be rendered. */
export enum TextFormat {
  PLAIN = 'PLAIN',
  MARKDOWN = 'MARKDOWN',
}
/** How far one of the viewer's own messages got. */
export enum DeliveryStatus {
  SENT = 'SENT',
  DELIVERED = 'DELIVERED',
  READ = 'READ',
}

registerEnumType(TextFormat, {
  name: 'TextFormat',
  description: 'How a message’s text is meant to be rendered.',
  valuesConfig: {
    PLAIN: { description: 'Plain text, shown as written.' },
    MARKDOWN: {
      description:
        'A safe Markdown subset: *bold* or **bold**, _italic_, ~strike~, `code`, fenced code blocks, > quotes, lists and http(s)/mailto links; no raw HTML, no images.',
    },
  },
});
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'How far one of the viewer’s own messages got.',
  valuesConfig: {
    SENT: { description: 'Stored; not yet on every recipient’s device.' },
    DELIVERED: { description: 'On a device of every recipient.' },
    READ: { description: 'Read by every recipient (in a direct conversation: the other person).' },
  },
});
registerEnumType(ConversationKind, {
  name: 'ConversationKind',
  description: 'Whether a conversation is between two people or a group.',
  valuesConfig: {
    DIRECT: { description: 'Exactly two people; one per pair.' },
    GROUP: { description: 'A named group with roles.' },
  },
});
registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: 'What a member may do in a group.',
  valuesConfig: {
    OWNER: { description: 'Full control, including roles.' },
    ADMIN: { description: 'Adds and removes members, edits the group.' },
    MEMBER: { description: 'Reads and writes messages.' },
  },
});
registerEnumType(MessageKind, {
  name: 'MessageKind',
  description: 'Who wrote a message and what it carries.',
  valuesConfig: {
    TEXT: { description: 'Text written by a user.' },
    SYSTEM: { description: 'Written by Parley about the conversation (member added, renamed, …).' },
    MEDIA: { description: 'Attachments written by a user, with an optional caption in `text`.' },
    LOCATION: { description: 'A place shared by a user, in `location`.' },
  },
});
registerEnumType(AttachmentKind, {
  name: 'AttachmentKind',
  description: 'What an attached file is; decided from its bytes, never from the declared type.',
  valuesConfig: {
    IMAGE: { description: 'A JPEG, PNG, GIF, WebP or AVIF image: has width, height and a thumbnail.' },
    VIDEO: { description: 'A video: has duration (no transcoding).' },
    AUDIO: { description: 'Audio, including voice messages: has duration.' },
    FILE: { description: 'Any other allowed file, offered for download.' },
  },
});
