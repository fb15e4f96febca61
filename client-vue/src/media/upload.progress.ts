import { reactive } from 'vue';

export interface UploadProgress {
  loaded: number;
  total: number;
}

const keyOf = (clientMessageId: string, attachmentKey: string) => `${clientMessageId}/${attachmentKey}`;

/**
 * Progress of the uploads in flight, per outbox entry and file, for the bars under a pending message, and the
 * way to cancel one. Not persisted: after a reload an upload starts again from the start.
 */
export class UploadTracker {
  readonly progress = reactive(new Map<string, UploadProgress>());
  private readonly controllers = new Map<string, AbortController>();
  private readonly canceled = new Set<string>();

  /** Starts tracking one upload; the signal aborts it when the user cancels. */
  begin(clientMessageId: string, attachmentKey: string, total: number): AbortSignal {
    const key = keyOf(clientMessageId, attachmentKey);
    const controller = new AbortController();
    if (this.canceled.has(key)) controller.abort();
    this.controllers.set(key, controller);
    this.progress.set(key, { loaded: 0, total });
    return controller.signal;
  }

  report(clientMessageId: string, attachmentKey: string, loaded: number, total: number): void {
    this.progress.set(keyOf(clientMessageId, attachmentKey), { loaded, total });
  }

  end(clientMessageId: string, attachmentKey: string): void {
    const key = keyOf(clientMessageId, attachmentKey);
    this.controllers.delete(key);
    this.progress.delete(key);
  }

  get(clientMessageId: string, attachmentKey: string): UploadProgress | undefined {
    return this.progress.get(keyOf(clientMessageId, attachmentKey));
  }

  /** Stops the upload if it is running and remembers the file is not wanted, should its turn come later. */
  cancel(clientMessageId: string, attachmentKey: string): void {
    const key = keyOf(clientMessageId, attachmentKey);
    this.canceled.add(key);
    this.controllers.get(key)?.abort();
  }

  isCanceled(clientMessageId: string, attachmentKey: string): boolean {
    return this.canceled.has(keyOf(clientMessageId, attachmentKey));
  }
}

export const uploads = new UploadTracker();
