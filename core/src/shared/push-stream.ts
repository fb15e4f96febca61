/** Takes a stream's values as they are pushed, instead of pulling them (see {@link PushStream.pipe}). */
export interface PushConsumer<T> {
  push(value: T): void;
  /** The stream ended (no error) or failed; not called once the stream was returned. */
  end(error?: unknown): void;
}

// One function for every stream without a close callback, instead of a closure made per stream.
const nothing = (): void => undefined;

/**
 * An async iterator fed by pushes, for subscriptions: values queue until the consumer pulls,
 * `fail` ends it with an error, and `return` (the client unsubscribing) runs `onClose` once.
 * A consumer that can take values as they come {@link pipe}s instead: nothing is queued and no
 * promise waits per subscriber.
 */
export class PushStream<T> implements AsyncIterableIterator<T> {
  /** Values not taken yet; made on the first one (a piped stream never queues). */
  private queue: T[] | null = null;
  private waiter: (() => void) | null = null;
  private consumer: PushConsumer<T> | null = null;
  private failure: unknown = null;
  private done = false;
  private ending = false;

  constructor(private onClose: () => void = nothing) {}

  /** Replaces the close callback (set once the stream's resources exist). */
  setOnClose(onClose: () => void): void {
    this.onClose = onClose;
  }

  push(value: T): void {
    if (this.done) return;
    if (this.consumer) return this.consumer.push(value);
    (this.queue ??= []).push(value);
    this.wake();
  }

  /** Ends the stream once the consumer has taken what is queued. */
  end(): void {
    if (this.done) return;
    this.ending = true;
    this.wake();
  }

  fail(err: unknown): void {
    if (this.done) return;
    this.failure = err;
    this.wake();
  }

  /**
   * Hands every value to `consumer` as it is pushed, those queued first, and the end or failure
   * after them; the stream is not pulled any more. `return` still closes it.
   */
  pipe(consumer: PushConsumer<T>): void {
    this.consumer = consumer;
    const queued = this.queue ?? [];
    this.queue = null;
    for (const value of queued) {
      if (this.done) return;
      consumer.push(value);
    }
    this.wake();
  }

  private wake(): void {
    const c = this.consumer;
    if (c && !this.done && (this.failure || this.ending)) {
      const err = this.failure;
      void this.return();
      return err ? c.end(err) : c.end();
    }
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Takes up to `max` values already queued, without waiting. */
  takeQueued(max: number): T[] {
    return this.queue?.splice(0, max) ?? [];
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.queue?.length) return { value: this.queue.shift()!, done: false };
      if (this.failure) {
        const err = this.failure;
        await this.return();
        throw err;
      }
      if (this.ending) await this.return();
      if (this.done) return { value: undefined, done: true };
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /** The consumer returned the stream (or it ended): runs the close callback. */
  protected closed(): void {
    this.onClose();
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.queue = null;
      this.closed();
      this.wake();
    }
    return { value: undefined, done: true };
  }

  async throw(err: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw err;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
