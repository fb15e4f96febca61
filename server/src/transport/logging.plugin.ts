import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '@parley/resolvers';
import { DomainError } from '@parley/core';
import type { Logger } from '../logger';

/** One log line per GraphQL operation: name, type, duration and outcome, never variables. */
export function createLoggingPlugin(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ request, operation, errors, response, contextValue }) {
          const codes = (errors ?? []).map((e) =>
            e.originalError instanceof DomainError
              ? e.originalError.code
              : (e.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR'),
          );
          log.info(
            {
              requestId: contextValue?.requestId,
              userId: contextValue?.viewer?.userId,
              operationName: request.operationName ?? null,
              operation: operation?.operation ?? null,
              durationMs: Math.round(performance.now() - started),
              status: response.http.status ?? 200,
              outcome: codes.length ? 'error' : 'ok',
              ...(codes.length ? { errorCodes: [...new Set(codes)] } : {}),
            },
            'graphql',
          );
        },
      };
    },
  };
}
