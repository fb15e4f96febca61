import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Context } from '@parley/resolvers';
import { createPipelinePlugin } from './apollo.plugin';
import type { OperationPipeline } from './operation-pipeline';

/** Apollo Server for GraphQL over HTTP, running the operation pipeline's steps. */
export async function startApollo(
  schema: GraphQLSchema,
  pipeline: OperationPipeline,
  introspection: boolean,
): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: pipeline.validationRules,
    parseOptions: pipeline.parseOptions,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection,
    hideSchemaDetailsFromClientErrors: !introspection,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => pipeline.formatError(formatted, error),
    // The explorer is served by the HTTP handler; Apollo's own landing page would load from a CDN.
    plugins: [createPipelinePlugin(pipeline), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  return apollo;
}
