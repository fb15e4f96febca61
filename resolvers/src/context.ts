import type { AccessTokenService } from '@parley/server/src/domain/access-token.service';
import type { AuthService, Viewer } from '@parley/server/src/domain/auth.service';
import { UnauthenticatedError } from '@parley/server/src/domain/errors';
import type { ConversationService } from '@parley/server/src/domain/conversation.service';
import type { MessageService } from '@parley/server/src/domain/message.service';
import type { PresenceService } from '@parley/server/src/domain/presence.service';
import type { TypingService } from '@parley/server/src/domain/typing.service';
import type { UserService } from '@parley/server/src/domain/user.service';
import type { Loaders } from './loaders';

/** The domain services resolvers call. */
export interface Services {
  auth: AuthService;
  accessTokens: AccessTokenService;
  users: UserService;
  conversations: ConversationService;
  messages: MessageService;
  presence: PresenceService;
  typing: TypingService;
}

/** Per-operation context (per connection for subscriptions, whose loaders do not cache). */
export interface Context {
  viewer: Viewer | null;
  services: Services;
  loaders: Loaders;
  /** Correlates log lines of one request. */
  requestId?: string;
  /** The client's address, for per-IP limits. */
  clientIp?: string;
}

/** The signed-in viewer; subscriptions' `subscribe` runs before `@Authorized`, so this checks too. */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}
