import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { perViewerFields } from '@parley/schema';

const SHARED = Symbol('shared execution');

/** Raised when a field not marked per-viewer reads the viewer during an execution shared by viewers. */
export class ViewerReadError extends Error {
  override name = 'ViewerReadError';
  constructor(readonly field: string) {
    super(`${field} reads the viewer but is not marked @PerViewer(); its value would be shared between viewers`);
  }
}

/**
 * A context for an execution whose result is sent to every subscriber of one operation. A copy, not
 * an object inheriting from `context`: V8 turns every object used as a prototype into a slower,
 * larger one, and each subscription keeps its context for as long as it lives.
 */
export function sharedContext<C extends object>(context: C): C {
  return { ...context, [SHARED]: true };
}

const isShared = (context: unknown) =>
  typeof context === 'object' && context !== null && (context as Record<symbol, unknown>)[SHARED] === true;

/**
 * Makes a missing per-viewer mark fail loudly instead of leaking: in a shared execution, a field
 * not marked per-viewer runs with a context whose `viewer` throws {@link ViewerReadError}. Root
 * fields are left alone (Query and Mutation never run shared; a Subscription field's own resolver
 * only hands on the event, its access check having run when the viewer subscribed).
 */
export function guardViewerReads(schema: GraphQLSchema): GraphQLSchema {
  const perViewer = perViewerFields(schema);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || roots.has(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const resolve = field.resolve;
      if (!resolve || perViewer.has(coordinate)) continue;
      const guarded: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) =>
        resolve(source, args, isShared(context) ? withoutViewer(context as object, coordinate) : context, info);
      field.resolve = guarded;
    }
  }
  return schema;
}

function withoutViewer(context: object, coordinate: string): object {
  return {
    ...context,
    get viewer(): never {
      throw new ViewerReadError(coordinate);
    },
  };
}
