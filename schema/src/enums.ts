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
}

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
  description: 'Who wrote a message.',
  valuesConfig: {
    TEXT: { description: 'Written by a user.' },
    SYSTEM: { description: 'Written by Parley about the conversation (member added, renamed, …).' },
  },
});
