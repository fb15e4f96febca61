/** How often a continuing typist refreshes the server's state (it expires after 6 s). @default 3000 */
export const TYPING_REFRESH_MS = 3000;
/** A pause this long ends "typing" even with text left in the box. @default 5000 */
export const TYPING_IDLE_MS = 5000;

/**
 * Turns keystrokes into few `setTyping` calls: `true` on the first keystroke and then at most once per
 * refresh interval, `false` when the text is cleared or sent, after an idle pause, and on `stop()`.
 */
export class TypingSender {
  private typing = false;
  private lastStartAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Call on every edit with the current text. */
  input(text: string): void {
    if (text.trim() === '') {
      this.stop();
      return;
    }
    const now = this.now();
    if (!this.typing || now - this.lastStartAt >= TYPING_REFRESH_MS) {
      this.typing = true;
      this.lastStartAt = now;
      this.send(true);
    }
    this.clearIdle();
    this.idleTimer = setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** Ends typing (sent, cleared, conversation switched, component gone); a no-op when not typing. */
  stop(): void {
    this.clearIdle();
    if (!this.typing) return;
    this.typing = false;
    this.send(false);
  }

  get isTyping(): boolean {
    return this.typing;
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
