import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  Conversation,
  ConversationPage,
  CreateGroupInput,
  Member,
  MemberRole,
  Message,
  PerViewer,
  UpdateConversationInput,
} from '@parley/schema';
import type * as domain from '@parley/core';
import { NotFoundError, ValidationError, isId } from '@parley/core';
import { viewerOf, type Context } from './context';

/** Conversations, membership and their per-viewer fields. */
@Resolver(() => Conversation)
export class ConversationResolver {
  @Authorized()
  @Query(() => ConversationPage, { description: 'The viewer’s conversations, newest activity first.' })
  conversations(
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => ID, { nullable: true, description: '`nextCursor` of the previous page.' }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conversations.list(viewerOf(ctx).userId, first, after ?? null);
  }

  @Authorized()
  @Query(() => Conversation, { nullable: true, description: 'A conversation the viewer belongs to, or null.' })
  async conversation(@Arg('id', () => ID, { description: 'The conversation’s ID.' }) id: string, @Ctx() ctx: Context) {
    if (!isId(id)) return null;
    const member = await ctx.loaders.memberships.load(`${id}:${viewerOf(ctx).userId}`);
    return member ? ctx.loaders.conversations.load(id) : null;
  }

  @Authorized()
  @Mutation(() => Conversation, {
    description: 'Opens the direct conversation with a user, creating it on first use (one per pair).',
  })
  openDirectConversation(
    @Arg('userId', () => ID, { description: 'The other person.' }) userId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conversations.openDirect(viewerOf(ctx).userId, userId);
  }

  @Authorized()
  @Mutation(() => Conversation, { description: 'Creates a group with the viewer as owner.' })
  createGroup(
    @Arg('input', () => CreateGroupInput, { description: 'The group.' }) input: CreateGroupInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conversations.createGroup(viewerOf(ctx).userId, input);
  }

  @Authorized()
  @Mutation(() => Conversation, { description: 'Adds users to a group (owners and admins).' })
  addMembers(
    @Arg('conversationId', () => ID, { description: 'The group.' }) conversationId: string,
    @Arg('userIds', () => [ID], { description: 'Users to add; existing members are skipped.' }) userIds: string[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conversations.addMembers(viewerOf(ctx).userId, conversationId, userIds);
  }

  @Authorized()
  @Mutation(() => Conversation, { description: 'Removes a member (owners and admins; only owners remove owners).' })
  removeMember(
    @Arg('conversationId', () => ID, { description: 'The group.' }) conversationId: string,
    @Arg('userId', () => ID, { description: 'The member to remove.' }) userId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conversations.removeMember(viewerOf(ctx).userId, conversationId, userId);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Leaves a group. A last owner hands ownership to the oldest admin, else the oldest member.',
  })
  leaveConversation(
    @Arg('conversationId', () => ID, { description: 'The group.' }) conversationId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conversations.leave(viewerOf(ctx).userId, conversationId);
  }

  @Authorized()
  @Mutation(() => Conversation, { description: 'Changes a group’s title or description (owners and admins).' })
  updateConversation(
    @Arg('input', () => UpdateConversationInput, { description: 'Fields to change.' }) input: UpdateConversationInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conversations.update(viewerOf(ctx).userId, input);
  }

  @Authorized()
  @Mutation(() => Member, { description: 'Changes a member’s role (owners only).' })
  setMemberRole(
    @Arg('conversationId', () => ID, { description: 'The group.' }) conversationId: string,
    @Arg('userId', () => ID, { description: 'The member.' }) userId: string,
    @Arg('role', () => MemberRole, { description: 'The new role.' }) role: MemberRole,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conversations.setRole(viewerOf(ctx).userId, conversationId, userId, role);
  }

  @FieldResolver(() => Message, { nullable: true, description: 'The newest message, if any.' })
  lastMessage(@Root() c: domain.Conversation, @Ctx() ctx: Context) {
    return c.lastMessageId ? ctx.loaders.messages.load(c.lastMessageId) : null;
  }

  @PerViewer()
  @FieldResolver(() => Int, {
    description:
      'Text messages from others above the viewer’s `lastReadSeq`, not deleted, not in a thread, not deleted by the viewer for themself.',
  })
  async unreadCount(@Root() c: domain.Conversation, @Ctx() ctx: Context) {
    return (await ctx.loaders.unreadCounts.load(`${viewerOf(ctx).userId}:${c.id}`)).messages;
  }

  @PerViewer()
  @FieldResolver(() => Int, { description: 'Unread messages (as in `unreadCount`) that mention the viewer.' })
  async unreadMentionCount(@Root() c: domain.Conversation, @Ctx() ctx: Context) {
    return (await ctx.loaders.unreadCounts.load(`${viewerOf(ctx).userId}:${c.id}`)).mentions;
  }

  // Per viewer because only members may list them: the check reads the viewer.
  @PerViewer()
  @FieldResolver(() => [Member], { description: 'Members in join order.' })
  async members(
    @Root() c: domain.Conversation,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => ID, { nullable: true, description: 'User ID of the last member of the previous page.' })
    after: string | null,
    @Ctx() ctx: Context,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw new ValidationError({ first: 'must be between 1 and 200' });
    if (after && !isId(after)) throw new ValidationError({ after: 'must be a valid ID' });
    await this.myMembership(c, ctx);
    return ctx.services.conversations.members(c.id, first, after ?? null);
  }

  @PerViewer()
  @FieldResolver(() => Member, { description: 'The viewer’s own membership.' })
  async myMembership(@Root() c: domain.Conversation, @Ctx() ctx: Context) {
    const m = await ctx.loaders.memberships.load(`${c.id}:${viewerOf(ctx).userId}`);
    if (!m) throw new NotFoundError('Conversation');
    return m;
  }
}
