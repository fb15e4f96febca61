import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { OperationGuards } from './operation-limits';

/** Refuses an operation over the cost limit before it executes (the limit needs the variables). */
export function createCostPlugin(guards: OperationGuards): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          try {
            guards.checkCost(document, request.variables, operationName);
          } catch (err) {
            const e = err as GraphQLError;
            throw new GraphQLError(e.message, { extensions: { ...e.extensions, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
