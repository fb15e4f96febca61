import {
  TypeInfo,
  createSourceEventStream,
  getNamedType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { PushConsumer } from '@parley/core';
import { perViewerFields } from '@parley/schema';
import { Runner, type Waiter } from './runner';
import { sharedContext } from './viewer-guard';

/** Takes a subscription's results as they are produced, in order, instead of the transport pulling them. */
export interface ResultSink {
  write(result: ExecutionResult): void;
  /** The source ended (no error) or failed; not called after {@link Delivery.stop}. */
  end(error?: unknown): void;
}

/** Options of {@link createSharedSubscribe}. */
export interface SharedSubscribeOptions {
  /** Called when an event's result is computed, once per event and distinct operation (metrics). */
  onExecute?: ((event: unknown) => void) | undefined;
}

const ignore = () => undefined;

/** A source that can push its events (see `PushStream.pipe`) instead of being pulled. */
interface Pipeable {
  pipe(consumer: PushConsumer<unknown>): void;
}
const pipeable = (it: object): it is Pipeable => typeof (it as Partial<Pipeable>).pipe === 'function';

/** The source's end, queued behind the events still waiting for their result. */
class Ended {
  constructor(readonly error: unknown) {}
}

/**
 * A subscription whose results are written to a sink in order as soon as they are computed. A
 * source that pushes (our event streams) hands each event straight in, so an idle subscriber holds
 * no pending promise; any other source is pulled. The sink hears of the end of the source; after
 * {@link Delivery.stop} nothing more reaches it.
 */
export class Delivery implements PushConsumer<unknown>, Waiter {
  private stopped = false;
  /** An event's result is still being computed: later events wait behind it, in order. */
  private waiting = false;
  /** What came while waiting (events and the end); made only then, not for every event. */
  private backlog: unknown[] | null = null;

  constructor(
    private readonly it: AsyncIterator<unknown>,
    private readonly runner: Runner,
    private readonly sink: ResultSink,
  ) {
    if (pipeable(it)) it.pipe(this);
    else void this.pull();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.runner.release();
    this.it.return?.().catch(ignore);
  }

  push(event: unknown): void {
    if (this.stopped) return;
    if (this.waiting) (this.backlog ??= []).push(event);
    else this.deliver(event);
  }

  end(error?: unknown): void {
    if (this.stopped) return;
    if (this.waiting) (this.backlog ??= []).push(new Ended(error));
    else this.finish(error);
  }

  /** The source is over: nothing more comes, so the runner is let go as on {@link stop}. */
  private finish(error?: unknown): void {
    this.stopped = true;
    this.runner.release();
    this.sink.end(error);
  }

  private deliver(event: unknown): void {
    if (event instanceof Ended) return this.finish(event.error);
    const result = this.runner.resultFor(event, this);
    if (result) return this.sink.write(result);
    this.waiting = true;
  }

  /** The result this subscription waited for (see {@link Runner.resultFor}). */
  resolved(result: ExecutionResult): void {
    // Stopped while the event executed: the client must not get a result for a finished id.
    if (!this.stopped) this.sink.write(result);
    this.waiting = false;
    this.resume();
  }

  rejected(error: unknown): void {
    if (this.stopped) return;
    this.stop();
    this.sink.end(error);
  }

  private resume(): void {
    const waited = this.backlog;
    this.backlog = null;
    for (let i = 0; waited && i < waited.length && !this.stopped; i++) {
      this.deliver(waited[i]);
      // Waiting on a result again (nothing else can arrive meanwhile): the rest stays behind it.
      if (this.waiting) {
        if (i + 1 < waited.length) this.backlog = waited.slice(i + 1);
        return;
      }
    }
  }

  private async pull(): Promise<void> {
    try {
      for (;;) {
        const r = await this.it.next();
        if (r.done || this.stopped) break;
        const pending = this.runner.run(r.value);
        const result = pending instanceof Promise ? await pending : pending;
        if (this.stopped) return;
        this.sink.write(result);
      }
    } catch (err) {
      if (!this.stopped) this.finish(err);
      return;
    }
    if (!this.stopped) this.finish();
  }
}

/**
 * A `subscribe` that executes each event once per distinct operation instead of
 * once per subscriber: subscribers of one conversation on this node receive the same event object
 * from its feed, so a result computed for one is reused for every other subscriber with the same
 * document and variables. Operations that select a field marked `@PerViewer()` in the schema are
 * executed per viewer; the others run on a shared context in which reading the viewer fails (see
 * `guardViewerReads`). Documents must be shared objects for the reuse to apply (see
 * {@link createDocumentCache}). `subscribe.into(args, sink)` writes the results to a sink instead of
 * handing back an iterator (see {@link Delivery}).
 */
export function createSharedSubscribe(schema: GraphQLSchema, options: SharedSubscribeOptions = {}) {
  const viewerDependent = perViewerFields(schema);
  const perViewer = new WeakMap<DocumentNode, boolean>();
  const docIds = new WeakMap<DocumentNode, number>();
  let nextDocId = 1;

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

  const runners = new Map<string, Runner>();

  /** The runner for an operation, shared with every subscriber of the same one (see {@link Runner}). */
  function runnerFor(args: ExecutionArgs): Runner {
    let docId = docIds.get(args.document);
    if (docId === undefined) docIds.set(args.document, (docId = nextDocId++));
    const viewer = (args.contextValue as { viewer?: { userId: string } } | undefined)?.viewer?.userId ?? '';
    const perViewer = dependsOnViewer(args.document);
    const key = `${docId}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${
      perViewer ? viewer : ''
    }`;
    let runner = runners.get(key);
    if (!runner) {
      const shared =
        perViewer || typeof args.contextValue !== 'object' || args.contextValue === null
          ? args
          : { ...args, contextValue: sharedContext(args.contextValue) };
      runners.set(key, (runner = new Runner(key, shared, runners, options.onExecute)));
    }
    return runner.acquire();
  }

  /** The source stream and the runner of its events, or the result that refused it. */
  async function open(args: ExecutionArgs): Promise<{ it: AsyncIterator<unknown>; runner: Runner } | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    return { it: source[Symbol.asyncIterator](), runner: runnerFor(args) };
  }

  async function subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const opened = await open(args);
    if (!('runner' in opened)) return opened;
    const { it, runner } = opened;
    let held = true;
    const release = () => {
      if (held) runner.release();
      held = false;
    };
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const r = await it.next().catch((err: unknown) => {
          release();
          throw err;
        });
        if (!r.done) return { done: false, value: await runner.run(r.value) };
        release();
        return { done: true, value: undefined };
      },
      async return() {
        release();
        await it.return?.();
        return { done: true, value: undefined };
      },
      async throw(err: unknown) {
        release();
        await it.return?.();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    return mapped;
  }

  return Object.assign(subscribe, {
    /** How many distinct operations have subscribers here (each with one {@link Runner}). */
    running: () => runners.size,
    /** Subscribes with results written to `sink`; a refusal (errors, no stream) is returned as is. */
    async into(args: ExecutionArgs, sink: ResultSink): Promise<Delivery | ExecutionResult> {
      const opened = await open(args);
      return 'runner' in opened ? new Delivery(opened.it, opened.runner, sink) : opened;
    },
  });
}
