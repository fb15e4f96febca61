/**
 * An async iterator fed by pushes, for subscriptions: values queue until the consumer pulls,
 * `fail` ends it with an error, and `return` (the client unsubscribing) runs `onClose` once.
 */
export class PushStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiter: (() => void) | null = null;
  private failure: unknown = null;
  private done = false;
  private ending = false;

  constructor(private onClose: () => void = () => undefined) {}

  /** Replaces the close callback (set once the stream's resources exist). */
  setOnClose(onClose: () => void): void {
    this.onClose = onClose;
  }

  push(value: T): void {
    if (this.done) return;
    this.queue.push(value);
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

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Takes up to `max` values already queued, without waiting. */
  takeQueued(max: number): T[] {
    return this.queue.splice(0, max);
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      if (this.queue.length > 0) return { value: this.queue.shift()!, done: false };
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

  async return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.queue.length = 0;
      this.onClose();
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
