/** Options of one job. */
export interface JobOptions {
  /** At most one job with this key is queued per `singletonSeconds` (later ones are dropped). */
  singletonKey?: string;
  singletonSeconds?: number;
  /** Do not start before this many seconds from now. */
  startAfterSeconds?: number;
}

/** A job handed to a worker; `retryCount` is how many earlier attempts failed. */
export interface Job<T> {
  id: string;
  data: T;
  retryCount: number;
}

/**
 * Durable background jobs: a job survives the node that queued it, is retried with backoff when its
 * handler throws or its node dies mid-run, and runs to completion at least once.
 */
export interface JobQueue {
  /**
   * Creates the queue if needed and runs `handler` for its jobs on this node, up to `concurrency`
   * at a time (each job fails or succeeds on its own).
   */
  work<T>(queue: string, handler: (job: Job<T>) => Promise<void>, options?: { concurrency?: number }): Promise<void>;
  /** @returns the job id, or null when a singleton with the same key was already queued. */
  send<T extends object>(queue: string, data: T, options?: JobOptions): Promise<string | null>;
  /** Queues many jobs in one round trip. */
  sendMany<T extends object>(queue: string, jobs: readonly { data: T; options?: JobOptions }[]): Promise<void>;
  /** Jobs waiting or running, by queue (for metrics and tests). */
  depth(queue: string): Promise<number>;
  stop(): Promise<void>;
}
