import type { TransportMode } from './connection.store';

/** Best first: each one works on networks where the one before it does not. */
export const TRANSPORT_MODES: readonly TransportMode[] = ['ws', 'sse', 'poll'];

export interface TransportSelectorOptions {
  /** Connects once over `mode`, beside the app's own connection; resolves true when that worked. */
  probe(mode: TransportMode): Promise<boolean>;
  /**
   * Subscribes everything again over `mode`: after a switch, and to retry SSE or long-polling after a
   * failure (graphql-ws retries by itself).
   */
  resubscribe(mode: TransportMode): void;
  /** Called after the mode changed, before `resubscribe`. */
  switched?(mode: TransportMode): void;
  isOnline(): boolean;
  /** Failed attempts in a row after which a lower transport is tried. @default 3 */
  failuresBeforeFallback?: number;
  /** How long the first attempt may take to connect before a lower transport is tried. @default 8000 */
  fallbackAfterMs?: number;
  /** How often a lower transport checks whether a better one works again. @default 30000 */
  probeIntervalMs?: number;
}

const rank = (mode: TransportMode) => TRANSPORT_MODES.indexOf(mode);

/** Waits before retrying SSE or long-polling: 0.5 s, 1 s, 2 s, … up to 8 s, with jitter. */
export function retryDelayMs(failures: number): number {
  return Math.min(8000, 500 * 2 ** Math.max(0, failures - 1)) * (0.75 + Math.random() / 2);
}

/**
 * Picks how live updates travel. It starts on WebSocket. When the current transport fails a few times in a
 * row, or does not connect in time, it steps down to the first lower transport a probe sees working; while
 * below WebSocket it probes the better ones now and then and goes back up to the first that works. It never
 * steps down while the browser is offline, nor when no lower transport works either (the server is down or
 * unreachable, which another transport would not fix).
 */
export class TransportSelector {
  private current: TransportMode = 'ws';
  private connectedNow = false;
  private failures = 0;
  private steppingDown = false;
  private probingUp = false;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly failuresBeforeFallback: number;
  private readonly fallbackAfterMs: number;
  private readonly probeIntervalMs: number;

  constructor(private readonly options: TransportSelectorOptions) {
    this.failuresBeforeFallback = options.failuresBeforeFallback ?? 3;
    this.fallbackAfterMs = options.fallbackAfterMs ?? 8000;
    this.probeIntervalMs = options.probeIntervalMs ?? 30_000;
  }

  get mode(): TransportMode {
    return this.current;
  }

  /** An attempt to connect over `mode` started: it has `fallbackAfterMs` to succeed. */
  attempt(mode: TransportMode): void {
    if (mode !== this.current || this.connectedNow || this.watchdog || this.current === 'poll') return;
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      void this.stepDown();
    }, this.fallbackAfterMs);
  }

  /** `mode` is connected (acknowledged, streaming, or answering polls). */
  connected(mode: TransportMode): void {
    if (mode !== this.current) return;
    this.connectedNow = true;
    this.failures = 0;
    this.clearWatchdog();
  }

  /** An attempt over `mode` failed, or its connection was lost. */
  failed(mode: TransportMode): void {
    if (mode !== this.current) return;
    this.connectedNow = false;
    // Offline is nobody's fault: the `online` event brings everything back.
    if (this.steppingDown || !this.options.isOnline()) return;
    this.failures++;
    // Every few failures in a row: look below. The count goes on growing for the backoff between retries.
    if (this.current !== 'poll' && this.failures % this.failuresBeforeFallback === 0) void this.stepDown();
    else if (this.current !== 'ws') this.scheduleRetry();
  }

  /** The browser is back online: count failures afresh and retry SSE or long-polling now. */
  online(): void {
    this.failures = 0;
    this.clearWatchdog();
    this.clearRetry();
    if (this.current !== 'ws') this.options.resubscribe(this.current);
  }

  /** The browser went offline: nothing is retried until it is back. */
  offline(): void {
    this.connectedNow = false;
    this.clearWatchdog();
    this.clearRetry();
  }

  dispose(): void {
    this.clearWatchdog();
    this.clearRetry();
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  private async stepDown(): Promise<void> {
    if (this.steppingDown) return;
    this.steppingDown = true;
    this.clearWatchdog();
    this.clearRetry();
    const from = this.current;
    try {
      for (const mode of TRANSPORT_MODES.slice(rank(from) + 1)) {
        if (!this.options.isOnline()) break;
        const works = await this.options.probe(mode);
        // A probe upward may have moved us meanwhile; then this answer is stale.
        if (this.current !== from) return;
        if (works) return this.switchTo(mode);
      }
    } finally {
      this.steppingDown = false;
    }
    if (this.current !== 'ws') this.scheduleRetry();
  }

  private async probeUp(): Promise<void> {
    if (this.probingUp || this.steppingDown || !this.options.isOnline()) return this.scheduleProbe();
    this.probingUp = true;
    try {
      for (const mode of TRANSPORT_MODES.slice(0, rank(this.current))) {
        const works = await this.options.probe(mode);
        if (works && rank(mode) < rank(this.current)) return this.switchTo(mode);
      }
    } finally {
      this.probingUp = false;
    }
    this.scheduleProbe();
  }

  private switchTo(mode: TransportMode): void {
    this.current = mode;
    this.connectedNow = false;
    this.failures = 0;
    this.clearWatchdog();
    this.clearRetry();
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.scheduleProbe();
    this.options.switched?.(mode);
    this.options.resubscribe(mode);
  }

  private scheduleProbe(): void {
    if (this.current === 'ws' || this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      void this.probeUp();
    }, this.probeIntervalMs);
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.options.isOnline()) this.options.resubscribe(this.current);
    }, retryDelayMs(this.failures));
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
