import {
  TypeInfo,
  createSourceEventStream,
  execute,
  getNamedType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { perViewerFields } from '@parley/schema';
import { sharedContext } from './viewer-guard';

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * A `subscribe` for graphql-ws that executes each event once per distinct operation instead of
 * once per subscriber: subscribers of one conversation on this node receive the same event object
 * from its feed, so a result computed for one is reused for every other subscriber with the same
 * document and variables. Operations that select a field marked `@PerViewer()` in the schema are
 * executed per viewer; the others run on a shared context in which reading the viewer fails (see
 * `guardViewerReads`). Documents must be shared objects for the reuse to apply (see
 * {@link createDocumentCache}).
 */
export function createSharedSubscribe(schema: GraphQLSchema) {
  const viewerDependent = perViewerFields(schema);
  const perViewer = new WeakMap<DocumentNode, boolean>();
  const docIds = new WeakMap<DocumentNode, number>();
  let nextDocId = 1;
  const results = new WeakMap<object, Map<string, Result>>();

  function dependsOnViewer(document: DocumentNode): boolean {
    let cached = perViewer.get(document);
    if (cached !== undefined) return cached;
    cached = false;
    const info = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(info, {
        Field(node) {
          const parent = info.getParentType();
          if (parent && viewerDependent.has(`${getNamedType(parent).name}.${node.name.value}`)) cached = true;
        },
      }),
    );
    perViewer.set(document, cached);
    return cached;
  }

  return async function subscribe(
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    let docId = docIds.get(args.document);
    if (docId === undefined) docIds.set(args.document, (docId = nextDocId++));
    const viewer = (args.contextValue as { viewer?: { userId: string } } | undefined)?.viewer?.userId ?? '';
    const perViewer = dependsOnViewer(args.document);
    const key = `${docId}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${
      perViewer ? viewer : ''
    }`;
    const shared =
      perViewer || typeof args.contextValue !== 'object' || args.contextValue === null
        ? args
        : { ...args, contextValue: sharedContext(args.contextValue) };
    const run = (event: unknown): Result => {
      if (typeof event !== 'object' || event === null) return execute({ ...shared, rootValue: event });
      let byKey = results.get(event);
      if (!byKey) results.set(event, (byKey = new Map()));
      let result = byKey.get(key);
      if (!result) byKey.set(key, (result = execute({ ...shared, rootValue: event })));
      return result;
    };
    const it = source[Symbol.asyncIterator]();
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const r = await it.next();
        return r.done ? { done: true, value: undefined } : { done: false, value: await run(r.value) };
      },
      async return() {
        await it.return?.();
        return { done: true, value: undefined };
      },
      async throw(err: unknown) {
        await it.return?.();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    return mapped;
  };
}
