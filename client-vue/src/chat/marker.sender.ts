/**
 * Sends a per-conversation marker that only moves forward (`markDelivered`) without a request per event: seqs
 * noted within `delayMs` go out as one call with the highest, and a seq at or below one already sent is dropped.
 * A failed call is forgotten, so the next seq noted sends again.
 */
export class MarkerSender {
  private readonly sent = new Map<string, number>();
  private readonly waiting = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (conversationId: string, seq: number) => Promise<unknown>,
    private readonly delayMs = 300,
  ) {}

  note(conversationId: string, seq: number): void {
    if (seq <= Math.max(this.sent.get(conversationId) ?? 0, this.waiting.get(conversationId) ?? 0)) return;
    this.waiting.set(conversationId, seq);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Forgets what was sent (logging out). */
  reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sent.clear();
    this.waiting.clear();
  }

  private flush(): void {
    this.timer = null;
    const batch = [...this.waiting];
    this.waiting.clear();
    for (const [conversationId, seq] of batch) {
      this.sent.set(conversationId, seq);
      this.send(conversationId, seq).catch(() => {
        if (this.sent.get(conversationId) === seq) this.sent.delete(conversationId);
      });
    }
  }
}
