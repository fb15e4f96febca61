import { describeOperation, recordStreamedOperation } from '../../observability/tracing';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Logger } from '../../logger';
import { createDocumentCache } from './document-cache';
import { formatError, withoutSuggestions } from './format-error';
import { createOperationGuards, type OperationLimits } from './operation-limits';

/** What the pipeline needs from the composition root. */
export interface OperationPipelineOptions {
  schema: GraphQLSchema;
  limits: OperationLimits;
  /** Off refuses introspection and drops "Did you mean …" hints from errors. */
  introspection: boolean;
  log: Logger;
  /** Called with every operation's outcome (metrics). */
  onOutcome?: ((r: OperationOutcome) => void) | undefined;
}

/** The outcome of one operation, for its log line. */
export interface OperationOutcome {
  transport: 'http' | 'ws' | 'sse';
  requestId?: string | undefined;
  userId?: string | undefined;
  operationName: string | null;
  operation?: string | null;
  durationMs: number;
  status?: number;
  /** API error codes of the errors in the result; none means the operation succeeded. */
  codes: readonly unknown[];
}

/**
 * The steps every operation goes through, whichever transport brought it: parsing with a token
 * limit, validation with the graphql-armor rules (and without introspection when it is off), the
 * cost check with the operation's variables, error formatting and one log line per operation.
 * HTTP plugs these steps into Apollo Server; WebSocket runs {@link prepare} itself.
 */
export function createOperationPipeline(o: OperationPipelineOptions) {
  const guards = createOperationGuards(o.schema, o.limits);
  const validationRules = [...guards.validationRules, ...(o.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const allRules = [...specifiedRules, ...validationRules];
  const documents = createDocumentCache();

  function parseAndValidate(query: string): DocumentNode | readonly GraphQLError[] {
    const cached = documents.get(query);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parse(query, guards.parseOptions);
    } catch (err) {
      return [new GraphQLError((err as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const errors = validate(o.schema, document, allRules);
    if (errors.length > 0) {
      return errors.map(
        (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      );
    }
    documents.set(query, document);
    return document;
  }

  return {
    /** Parser options for transports that parse themselves (Apollo Server). */
    parseOptions: guards.parseOptions,
    /** Rules beyond graphql-js's own, for transports that validate themselves (Apollo Server). */
    validationRules,

    /**
     * Parses (cached by text, so sockets sending the same operation share one document), validates
     * and checks the cost. Returns the document, or the errors to answer with.
     */
    prepare(
      query: string,
      variables: Record<string, unknown> | null | undefined,
      operationName: string | null | undefined,
    ): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
      const parsed = parseAndValidate(query);
      if (!('kind' in parsed)) return { errors: parsed };
      try {
        guards.checkCost(parsed, variables, operationName);
      } catch (err) {
        return { errors: [err as GraphQLError] };
      }
      return { document: parsed };
    },

    /** @throws GraphQLError (BAD_USER_INPUT) when the operation's cost is over the limit. */
    checkCost: guards.checkCost,

    /** The API's error shape: codes, no internals; suggestions dropped when introspection is off. */
    formatError(formatted: GraphQLFormattedError, error: unknown, requestId?: string): GraphQLFormattedError {
      const out = formatError(formatted, error, o.log, requestId);
      return o.introspection ? out : withoutSuggestions(out);
    },

    /**
     * One line per operation: name, type, duration and outcome, never variables. At `info` for an
     * operation that failed; at `debug` for one that succeeded, which the metrics count: a line for
     * every request would be a write on the send path of every message.
     */
    logOutcome(r: OperationOutcome): void {
      o.onOutcome?.(r);
      const codes = [...new Set(r.codes)];
      if (r.transport === 'http') describeOperation(r.operation, r.operationName, codes);
      else recordStreamedOperation(r.transport, r.operation, r.operationName, r.durationMs, codes);
      const level = codes.length ? 'info' : 'debug';
      // Built only when written: at a quieter level every operation would still pay for the line.
      if (!o.log.isLevelEnabled(level)) return;
      o.log[level](
        {
          transport: r.transport,
          requestId: r.requestId,
          userId: r.userId,
          operationName: r.operationName,
          ...(r.operation !== undefined ? { operation: r.operation } : {}),
          durationMs: Math.round(r.durationMs),
          ...(r.status !== undefined ? { status: r.status } : {}),
          outcome: codes.length ? 'error' : 'ok',
          ...(codes.length ? { errorCodes: codes } : {}),
        },
        'graphql',
      );
    },
  };
}

/** The operation pipeline. */
export type OperationPipeline = ReturnType<typeof createOperationPipeline>;
