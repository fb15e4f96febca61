import { execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Takes the result of an event it waited for (see {@link Runner.resultFor}). */
export interface Waiter {
  resolved(result: ExecutionResult): void;
  rejected(error: unknown): void;
}

/** An event's result still being computed, and who waits for it, in the order they asked. */
class Pending {
  readonly waiters: Waiter[] = [];
  constructor(readonly promise: Promise<ExecutionResult>) {}
}

/**
 * How the events of one distinct operation (document, operation name, variables and, where a field
 * depends on the viewer, the viewer) are executed on this node: one object for all its subscribers,
 * so a subscription holds no arguments, context, closure or key of its own. Each event's result is
 * kept while the event lives, for the next subscriber it reaches; the runner goes with its last
 * subscriber. A result computed asynchronously (a field with a middleware, an interface's type) is
 * handed to every subscriber that waits for it in one callback, not through a promise each.
 */
export class Runner {
  private users = 0;
  private readonly results = new WeakMap<object, ExecutionResult | Pending>();

  constructor(
    private readonly key: string,
    private readonly args: ExecutionArgs,
    private readonly runners: Map<string, Runner>,
    private readonly onExecute: ((event: unknown) => void) | undefined,
  ) {}

  acquire(): this {
    this.users++;
    return this;
  }

  release(): void {
    if (--this.users === 0) this.runners.delete(this.key);
  }

  /** The event's result, computed on first use. */
  run(event: unknown): Result {
    if (typeof event !== 'object' || event === null) return execute({ ...this.args, rootValue: event });
    const known = this.results.get(event) ?? this.execute(event);
    return known instanceof Pending ? known.promise : known;
  }

  /** The event's result if it is known now; otherwise `waiter` hears of it once it is (and null is returned). */
  resultFor(event: unknown, waiter: Waiter): ExecutionResult | null {
    // Not an object, the event has no result kept to share: its own promise is waited on.
    const known =
      typeof event === 'object' && event !== null ? (this.results.get(event) ?? this.execute(event)) : this.run(event);
    if (known instanceof Pending) {
      known.waiters.push(waiter);
      return null;
    }
    if (known instanceof Promise) {
      known.then(
        (r) => waiter.resolved(r),
        (err: unknown) => waiter.rejected(err),
      );
      return null;
    }
    return known;
  }

  private execute(event: object): ExecutionResult | Pending {
    this.onExecute?.(event);
    const result = execute({ ...this.args, rootValue: event });
    if (!(result instanceof Promise)) {
      this.results.set(event, result);
      return result;
    }
    const pending = new Pending(result);
    this.results.set(event, pending);
    result.then(
      (r) => {
        this.results.set(event, r);
        for (const w of pending.waiters) {
          try {
            w.resolved(r);
          } catch (err) {
            w.rejected(err); // that subscriber ends; the others still get the result
          }
        }
      },
      (err: unknown) => {
        // Not kept: a subscriber reaching the event later executes it again.
        this.results.delete(event);
        for (const w of pending.waiters) w.rejected(err);
      },
    );
    return pending;
  }
}
