import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema } from 'type-graphql';
import { EVENT_TYPES } from '@parley/schema';
import { AccessTokenResolver } from './access-token.resolver';
import { authChecker } from './auth-checker';
import { AuthResolver } from './auth.resolver';
import { BlockResolver } from './block.resolver';
import { ConversationResolver } from './conversation.resolver';
import { EventResolver } from './event.resolver';
import { MemberLeftResolver } from './member-left.resolver';
import { MemberResolver } from './member.resolver';
import { MessageFieldsResolver } from './message-fields.resolver';
import { MessageResolver } from './message.resolver';
import { ReactionResolver } from './reaction.resolver';
import { ReceiptResolver } from './receipt.resolver';
import { PollResolver } from './poll.resolver';
import { SearchResolver } from './search.resolver';
import { ThreadSummaryResolver } from './thread-summary.resolver';
import { AccountResolver } from './account.resolver';
import { AdminResolver } from './admin.resolver';
import { AppealResolver } from './appeal.resolver';
import { ReportResolver } from './report.resolver';
import { ReportedMessageResolver } from './reported-message.resolver';
import { RetentionResolver } from './retention.resolver';
import { NotificationResolver } from './notification.resolver';
import { UploadResolver } from './upload.resolver';
import { UserResolver } from './user.resolver';
import { PresenceResolver } from './presence.resolver';
import { TypingResolver } from './typing.resolver';

export type { Context, Services } from './context';
export { createLoaders, type Loaders } from './loaders';

/** Builds the executable schema; done once per process. */
export function buildParleySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      AuthResolver,
      AccessTokenResolver,
      UserResolver,
      BlockResolver,
      ConversationResolver,
      MemberResolver,
      MessageResolver,
      MessageFieldsResolver,
      UploadResolver,
      NotificationResolver,
      AdminResolver,
      AppealResolver,
      AccountResolver,
      ReportResolver,
      ReportedMessageResolver,
      RetentionResolver,
      ReactionResolver,
      ReceiptResolver,
      ThreadSummaryResolver,
      SearchResolver,
      PollResolver,
      EventResolver,
      MemberLeftResolver,
      PresenceResolver,
      TypingResolver,
    ],
    orphanedTypes: EVENT_TYPES,
    authChecker,
    validate: false,
    // Every subscription brings its own `subscribe` over the domain's event streams; type-graphql
    // still insists on a PubSub being present.
    pubSub: createPubSub(),
  });
}
