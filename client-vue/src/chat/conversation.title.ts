interface TitledConversation {
  kind: 'DIRECT' | 'GROUP';
  title?: string | null;
  members: readonly { user: { id: string; displayName: string } }[];
}

/** Groups have a title; a direct chat is named after the other person. */
export function conversationTitle(conversation: TitledConversation, meId: string | null): string {
  if (conversation.title) return conversation.title;
  const others = conversation.members.filter((m) => m.user.id !== meId).map((m) => m.user.displayName);
  if (others.length > 0) return others.join(', ');
  return conversation.kind === 'DIRECT' ? 'Just you' : 'Untitled group';
}

interface PeeredConversation {
  kind: 'DIRECT' | 'GROUP';
  members: readonly { user: { id: string } }[];
}

/** The other person of a direct chat; null for groups and for a chat with oneself. */
export function directPeerId(conversation: PeeredConversation, meId: string | null): string | null {
  if (conversation.kind !== 'DIRECT') return null;
  return conversation.members.find((m) => m.user.id !== meId)?.user.id ?? null;
}
