import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { DateTimeScalar, MessageSearchResult } from '@parley/schema';
import { viewerOf, type Context } from './context';

/** Searching messages. */
@Resolver()
export class SearchResolver {
  @Authorized()
  @Query(() => MessageSearchResult, {
    description:
      'Messages matching `query` in the conversations the viewer belongs to now, best match first, then newest. Web-search syntax: words, "quoted phrases", -excluded words, `or`; the last word also matches as a prefix. Accents and letter case are ignored; words are not stemmed. Deleted messages never match.',
  })
  searchMessages(
    @Arg('query', () => String, { description: 'What to look for, 1–200 characters.' }) query: string,
    @Arg('conversationId', () => ID, { nullable: true, description: 'Only in this conversation.' })
    conversationId: string | null,
    @Arg('senderId', () => ID, { nullable: true, description: 'Only messages of this sender.' })
    senderId: string | null,
    @Arg('since', () => DateTimeScalar, { nullable: true, description: 'Only messages sent at or after this time.' })
    since: Date | null,
    @Arg('until', () => DateTimeScalar, { nullable: true, description: 'Only messages sent before this time.' })
    until: Date | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1–50.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' })
    after: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.search.search(viewerOf(ctx).userId, {
      query,
      conversationId,
      senderId,
      since,
      until,
      first,
      after,
    });
  }
}
