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

/** Takes a subscription's results as they are produced, in order, instead of the transport pulling them. */
export interface ResultSink {
  write(result: ExecutionResult): void;
}

/** Options of {@link createSharedSubscribe}. */
export interface SharedSubscribeOptions {
  /**
   * The sink of an operation whose results are written straight to its connection; undefined keeps the
   * pull-based iterator. @default () => undefined
   */
  sinkOf?: (args: ExecutionArgs) => ResultSink | undefined;
  /** Called when an event's result is computed, once per event and distinct operation (metrics). */
  onExecute?: ((event: unknown) => void) | undefined;
}

/**
 * A `subscribe` for graphql-ws that executes each event once per distinct operation instead of
 * once per subscriber: subscribers of one conversation on this node receive the same event object
 * from its feed, so a result computed for one is reused for every other subscriber with the same
 * document and variables. Operations that select a field marked `@PerViewer()` in the schema are
 * executed per viewer; the others run on a shared context in which reading the viewer fails (see
 * `guardViewerReads`). Documents must be shared objects for the reuse to apply (see
 * {@link createDocumentCache}).
 */
export function createSharedSubscribe(schema: GraphQLSchema, options: SharedSubscribeOptions = {}) {
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
      if (!result) {
        byKey.set(key, (result = execute({ ...shared, rootValue: event })));
        options.onExecute?.(event);
      }
      return result;
    };
    const it = source[Symbol.asyncIterator]();
    const sink = options.sinkOf?.(args);
    if (sink) return writeThrough(it, run, sink);
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

/**
 * Delivers every result to the sink as soon as it is computed, without the per-subscriber chain of
 * promises a pulling transport adds per event; the iterator handed back only settles when the
 * source ends (or rejects when it fails), so the transport still completes or errors the operation.
 */
function writeThrough(
  it: AsyncIterator<unknown>,
  run: (event: unknown) => Result,
  sink: ResultSink,
): AsyncIterableIterator<ExecutionResult> {
  let stopped = false;
  const pump = (async () => {
    for (;;) {
      const r = await it.next();
      if (r.done || stopped) return;
      const pending = run(r.value);
      const result = pending instanceof Promise ? await pending : pending;
      // An unsubscribe while the event executed: the client must not get a result for a finished id.
      if (stopped) return;
      sink.write(result);
    }
  })();
  // The transport awaits `pump` through `next()`; until it does, a failure must not count as unhandled.
  pump.catch(() => undefined);
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      await pump;
      return { done: true, value: undefined };
    },
    async return() {
      stopped = true;
      await it.return?.();
      return { done: true, value: undefined };
    },
    async throw(err: unknown) {
      stopped = true;
      await it.return?.();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
