import { inject, type InjectionKey, type Ref } from 'vue';
import type { MessageItemFragment } from '../gql/graphql';

/**
 * What a message on screen can do, provided once by the chat view to every message in the timeline and the
 * thread panel, instead of each event climbing through the list.
 */
export interface MessageContext {
  meId: string | null;
  /** A group: "read by N" and who read it. */
  group: Ref<boolean>;
  /** The viewer is a group's owner or admin: they may delete others' messages for everyone. */
  moderator: Ref<boolean>;
  /** The viewer can no longer write here. */
  closed: Ref<boolean>;
  /** The message being edited in place, if any. */
  editingId: Ref<string | null>;
  reply(message: MessageItemFragment): void;
  startEdit(message: MessageItemFragment): void;
  saveEdit(message: MessageItemFragment, text: string): Promise<boolean>;
  cancelEdit(): void;
  askDelete(message: MessageItemFragment): void;
  react(message: MessageItemFragment, emoji: string, on: boolean): void;
  pickReaction(message: MessageItemFragment): void;
  forward(message: MessageItemFragment): void;
  /** Asks why, then reports the message to the server's administrators. */
  report?(message: MessageItemFragment): void;
  copy(message: MessageItemFragment): void;
  openThread(message: MessageItemFragment): void;
  showReaders(message: MessageItemFragment): void;
  /** Scrolls to a message of the timeline (loading history around it) and highlights it. */
  jumpTo(target: { id: string; seq: number; threadRootId?: string | null }): void;
  /** Stops a waiting message's upload of one file and takes the file out of it. */
  cancelUpload?(clientMessageId: string, attachmentKey: string): void;
  /** Reads a message's attachment URLs again: they expire after about an hour. */
  refreshMedia?(message: MessageItemFragment): void;
}

export const messageContextKey: InjectionKey<MessageContext> = Symbol('message context');

export function useMessageContext(): MessageContext | null {
  return inject(messageContextKey, null);
}
