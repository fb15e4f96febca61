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
