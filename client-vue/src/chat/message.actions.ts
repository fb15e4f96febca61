import { apollo } from '../apollo/apollo.client';
import { toApiError } from '../apollo/graphql-error';
import { removeFromWindow } from '../event-log/event.cache';
import { graphql } from '../gql';
import type { MessageItemFragment, ReportReason } from '../gql/graphql';
import { chatLog } from './chat.log';

const EditMessageMutation = graphql(`
  mutation EditMessage($messageId: ID!, $text: String!) {
    editMessage(messageId: $messageId, text: $text) {
      ...MessageItem
    }
  }
`);
const DeleteMessageMutation = graphql(`
  mutation DeleteMessage($messageId: ID!, $forEveryone: Boolean!) {
    deleteMessage(messageId: $messageId, forEveryone: $forEveryone) {
      ...MessageItem
    }
  }
`);
const AddReactionMutation = graphql(`
  mutation AddReaction($messageId: ID!, $emoji: String!) {
    addReaction(messageId: $messageId, emoji: $emoji) {
      ...MessageItem
    }
  }
`);
const RemoveReactionMutation = graphql(`
  mutation RemoveReaction($messageId: ID!, $emoji: String!) {
    removeReaction(messageId: $messageId, emoji: $emoji) {
      ...MessageItem
    }
  }
`);
const ForwardMessageMutation = graphql(`
  mutation ForwardMessage($messageId: ID!, $conversationIds: [ID!]!) {
    forwardMessage(messageId: $messageId, conversationIds: $conversationIds) {
      ...MessageItem
    }
  }
`);

/** What an action did, for the status line: `ok` false carries a message the user can act on. */
export type ActionResult = { ok: true } | { ok: false; error: string };

/**
 * Edits, deletes, reactions and forwards go to the server at once and are not queued: they change a message
 * others already see, and replaying one later (after another device changed the message) could surprise. Offline
 * they fail with a message saying so; sending new messages keeps its queue (the outbox).
 */
async function run(what: string, action: () => Promise<unknown>): Promise<ActionResult> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false)
    return { ok: false, error: `You are offline: could not ${what}. Try again when you are back online.` };
  try {
    await action();
    return { ok: true };
  } catch (error) {
    const api = toApiError(error);
    if (api.code === 'NETWORK') return { ok: false, error: `Could not ${what}: the server cannot be reached.` };
    const reason = Object.values(api.fields)[0] ?? api.message;
    return { ok: false, error: `Could not ${what}: ${reason}` };
  }
}

const ReportMessageMutation = graphql(`
  mutation ReportMessage($messageId: ID!, $reason: ReportReason!, $note: String) {
    reportMessage(messageId: $messageId, reason: $reason, note: $note)
  }
`);

// The answers carry the whole message, which Apollo writes over the cached one by id: every view updates.
export const messageActions = {
  edit: (messageId: string, text: string) =>
    run('edit the message', () => apollo.mutate({ mutation: EditMessageMutation, variables: { messageId, text } })),

  remove: (message: Pick<MessageItemFragment, 'id'>, forEveryone: boolean) =>
    run('delete the message', async () => {
      await apollo.mutate({ mutation: DeleteMessageMutation, variables: { messageId: message.id, forEveryone } });
      // Nobody else is told of a delete for me, so no event will take it out of the timeline.
      if (!forEveryone) removeFromWindow(apollo.cache, message);
    }),

  react: (messageId: string, emoji: string, on: boolean) =>
    run(on ? 'add the reaction' : 'remove the reaction', () =>
      apollo.mutate({
        mutation: on ? AddReactionMutation : RemoveReactionMutation,
        variables: { messageId, emoji },
      }),
    ),

  report: (messageId: string, reason: ReportReason, note: string) =>
    run('report the message', () =>
      apollo.mutate({
        mutation: ReportMessageMutation,
        variables: { messageId, reason, note: note.trim() || null },
        fetchPolicy: 'no-cache',
      }),
    ),

  forward: (messageId: string, conversationIds: string[]) =>
    run('forward the message', async () => {
      const { data } = await apollo.mutate({
        mutation: ForwardMessageMutation,
        variables: { messageId, conversationIds },
        fetchPolicy: 'no-cache',
      });
      // Like our own sends: shown at once in each open window; their events are then duplicates.
      data?.forwardMessage.forEach((copy) => chatLog.noteSent(copy));
    }),
};
