import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { DomainError } from '@parley/core';
import type { Context } from '@parley/resolvers';
import type { OperationPipeline } from './operation-pipeline';

/**
 * The pipeline's steps that Apollo Server does not run itself: the cost check (it needs the
 * variables, so after the operation is resolved) and the log line once the response is ready.
 */
export function createPipelinePlugin(pipeline: OperationPipeline): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didResolveOperation({ document, request, operationName }) {
          try {
            pipeline.checkCost(document, request.variables, operationName);
          } catch (err) {
            const e = err as GraphQLError;
            throw new GraphQLError(e.message, { extensions: { ...e.extensions, http: { status: 400 } } });
          }
        },
        async willSendResponse({ request, operation, operationName, errors, response, contextValue }) {
          pipeline.logOutcome({
            transport: 'http',
            requestId: contextValue?.requestId,
            userId: contextValue?.viewer?.userId,
            // The name in the document when the request did not name the operation to run.
            operationName: request.operationName ?? operationName ?? null,
            operation: operation?.operation ?? null,
            durationMs: performance.now() - started,
            status: response.http.status ?? 200,
            codes: (errors ?? []).map((e) => codeOf(e)),
          });
        },
      };
    },
  };
}

const codeOf = (e: GraphQLError) =>
  e.originalError instanceof DomainError ? e.originalError.code : (e.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR');
