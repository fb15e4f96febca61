import { onScopeDispose, provide, ref, shallowRef, type Ref } from 'vue';
import type { MessageItemFragment } from '../gql/graphql';
import { refreshMedia } from '../media/media.refresh';
import { cancelAttachment } from '../outbox/outbox.service';
import { messageActions, type ActionResult } from './message.actions';
import { messageContextKey, type MessageContext } from './message.context';

export interface ChatActionOptions {
  meId: string | null;
  group: Ref<boolean>;
  moderator: Ref<boolean>;
  closed: Ref<boolean>;
  reply(message: MessageItemFragment): void;
  openThread(message: MessageItemFragment): void;
  jumpTo: MessageContext['jumpTo'];
}

/** The message a dialog is open for, one dialog at a time. */
export type DialogTarget = {
  kind: 'delete' | 'forward' | 'readers' | 'react' | 'report';
  message: MessageItemFragment;
} | null;

/**
 * The chat view's message actions: provides them to every message below (see message.context.ts), runs the
 * quick ones, and names the message a dialog is open for (deleting asks first; forwarding, readers and the
 * emoji picker need a choice). `status` is one line for the view's live region: what failed, or what was done
 * out of sight (copied, forwarded).
 */
export function useChatActions(options: ChatActionOptions) {
  const editingId = ref<string | null>(null);
  const dialog = shallowRef<DialogTarget>(null);
  const status = ref('');
  let clearTimer: ReturnType<typeof setTimeout> | undefined;

  function say(text: string): void {
    clearTimeout(clearTimer);
    status.value = text;
    clearTimer = setTimeout(() => (status.value = ''), 6000);
  }
  onScopeDispose(() => clearTimeout(clearTimer));

  function report(result: ActionResult, done?: string): boolean {
    if (!result.ok) say(result.error);
    else if (done) say(done);
    return result.ok;
  }

  const context: MessageContext = {
    meId: options.meId,
    group: options.group,
    moderator: options.moderator,
    closed: options.closed,
    editingId,
    reply: options.reply,
    openThread: options.openThread,
    jumpTo: options.jumpTo,
    startEdit: (message) => (editingId.value = message.id),
    cancelEdit: () => (editingId.value = null),
    async saveEdit(message, text) {
      const ok = report(await messageActions.edit(message.id, text));
      // A failed edit keeps the editor open with the text, so nothing typed is lost.
      if (ok && editingId.value === message.id) editingId.value = null;
      return ok;
    },
    askDelete: (message) => (dialog.value = { kind: 'delete', message }),
    forward: (message) => (dialog.value = { kind: 'forward', message }),
    report: (message) => (dialog.value = { kind: 'report', message }),
    showReaders: (message) => (dialog.value = { kind: 'readers', message }),
    pickReaction: (message) => (dialog.value = { kind: 'react', message }),
    react: (message, emoji, on) => void messageActions.react(message.id, emoji, on).then((r) => report(r)),
    copy(message) {
      const text = message.text ?? '';
      navigator.clipboard
        .writeText(text)
        .then(() => say('Copied the message text.'))
        .catch(() => say('Could not copy: this browser did not allow it.'));
    },
    cancelUpload: (clientMessageId, key) => void cancelAttachment(clientMessageId, key),
    refreshMedia: (message) => void refreshMedia(message),
  };
  provide(messageContextKey, context);

  return {
    context,
    dialog,
    status,
    say,
    async remove(message: MessageItemFragment, forEveryone: boolean): Promise<void> {
      dialog.value = null;
      report(
        await messageActions.remove(message, forEveryone),
        forEveryone ? 'Deleted for everyone.' : 'Deleted for you.',
      );
    },
    async forwardTo(message: MessageItemFragment, conversationIds: string[]): Promise<void> {
      dialog.value = null;
      const n = conversationIds.length;
      report(
        await messageActions.forward(message.id, conversationIds),
        `Forwarded to ${n} conversation${n === 1 ? '' : 's'}.`,
      );
    },
  };
}
