import { Field, ObjectType } from 'type-graphql';
import { Message } from './message.type';

/** One search match. */
@ObjectType({ description: 'A message that matched a search.' })
export class MessageSearchHit {
  @Field(() => Message, { description: 'The message.' })
  message!: Message;

  @Field(() => String, {
    description: 'The best-matching part of the text, with every match between « and » (plain text, not HTML).',
  })
  snippet!: string;
}

/** A page of search results. */
@ObjectType({ description: 'A page of search results, best first.' })
export class MessageSearchResult {
  @Field(() => [MessageSearchHit], { description: 'The matches of this page.' })
  hits!: MessageSearchHit[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null when empty.' })
  endCursor!: string | null;

  @Field(() => Boolean, { description: 'Whether more matches follow.' })
  hasNextPage!: boolean;
}
