import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Message, MessagePage, SendMessageInput } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** History, threads, sending, editing, deleting and forwarding. */
@Resolver(() => Message)
export class MessageResolver {
  @Authorized()
  @Query(() => MessagePage, {
    description:
      'A window of the conversation’s timeline, ascending by seq: the newest `limit` before `beforeSeq` (or the newest overall), or with only `afterSeq` the oldest `limit` after it. Thread replies are in `thread`; messages the viewer deleted for themself are left out.',
  })
  messages(
    @Arg('conversationId', () => ID, { description: 'The conversation.' }) conversationId: string,
    @Arg('beforeSeq', () => Int, { nullable: true, description: 'Only messages with a lower seq.' })
    beforeSeq: number | null,
    @Arg('afterSeq', () => Int, { nullable: true, description: 'Only messages with a higher seq.' })
    afterSeq: number | null,
    @Arg('limit', () => Int, { defaultValue: 50, description: 'How many, 1–200.' }) limit: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.messages.history(viewerOf(ctx).userId, { conversationId, beforeSeq, afterSeq, limit });
  }

  @Authorized()
  @Query(() => MessagePage, {
    description:
      'The replies in a thread (not the root), ascending by seq, windowed as `messages`: the newest `limit` before `beforeSeq` (or the newest overall), or with only `afterSeq` the oldest `limit` after it.',
  })
  thread(
    @Arg('rootMessageId', () => ID, { description: 'The thread’s root message.' }) rootMessageId: string,
    @Arg('afterSeq', () => Int, { nullable: true, description: 'Only replies with a higher seq.' })
    afterSeq: number | null,
    @Arg('beforeSeq', () => Int, { nullable: true, description: 'Only replies with a lower seq.' })
    beforeSeq: number | null,
    @Arg('limit', () => Int, { defaultValue: 50, description: 'How many, 1–200.' }) limit: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.messages.thread(viewerOf(ctx).userId, rootMessageId, { afterSeq, beforeSeq, limit });
  }

  @Authorized()
  @Mutation(() => Message, {
    description:
      'Sends a message. Idempotent per `clientMessageId`: a repeat returns the original message and emits no event.',
  })
  sendMessage(
    @Arg('input', () => SendMessageInput, { description: 'The message.' }) input: SendMessageInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.messages.send(viewerOf(ctx).userId, input);
  }

  @Authorized()
  @Mutation(() => Message, {
    description:
      'Replaces the text of one of the viewer’s own text messages (same rules as sending); sets `editedAt` and emits MessageUpdated. BAD_USER_INPUT for a deleted message.',
  })
  editMessage(
    @Arg('messageId', () => ID, { description: 'The message.' }) messageId: string,
    @Arg('text', () => String, { description: 'The new text, 1–10,000 characters.' }) text: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.messageEdits.edit(viewerOf(ctx).userId, messageId, text);
  }

  @Authorized()
  @Mutation(() => Message, {
    description:
      'Deletes a message. For everyone (the sender, or a group’s owner or admin): its text, mentions and reactions are erased and a tombstone with `deletedAt` stays (MessageUpdated). For the viewer only: hidden from their history and unread count; nobody else is told.',
  })
  deleteMessage(
    @Arg('messageId', () => ID, { description: 'The message.' }) messageId: string,
    @Arg('forEveryone', () => Boolean, { defaultValue: true, description: 'False deletes it for the viewer only.' })
    forEveryone: boolean,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.messageEdits.delete(viewerOf(ctx).userId, messageId, forEveryone);
  }

  @Authorized()
  @Mutation(() => [Message], {
    description:
      'Forwards a text message to up to 20 conversations the viewer belongs to, as new messages with `forwardedFrom`; each is its own event. Forwarding the same message to the same conversation again returns the earlier copy.',
  })
  forwardMessage(
    @Arg('messageId', () => ID, { description: 'The message to forward.' }) messageId: string,
    @Arg('conversationIds', () => [ID], { description: 'Where to, 1–20 conversations.' }) conversationIds: string[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.forwards.forward(viewerOf(ctx).userId, messageId, conversationIds);
  }
}
