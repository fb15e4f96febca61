import type { OutboxAttachment, OutboxEntry } from '../offline/offline.db';
import { UploadFailed, type UploadTarget } from './upload.request';
import type { UploadTracker } from './upload.progress';

export interface CreatedUpload extends UploadTarget {
  id: string;
  expiresAt: string;
}

/** What `createUpload` or `sendMessage` answered when it refused: `fields` as in API.md's BAD_USER_INPUT. */
export interface Refusal {
  transient: boolean;
  message: string;
  fields: Record<string, string>;
}

export interface AttachmentSenderDeps {
  createUpload(attachment: OutboxAttachment): Promise<CreatedUpload>;
  sendBytes(
    target: UploadTarget,
    body: Blob,
    onProgress: (loaded: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<void>;
  /** Normalises an error thrown by `createUpload` into a refusal. */
  refusal(error: unknown): Refusal;
  /** Applies a change to the stored entry (null discards it) and gives back the entry as it now is. */
  patch(clientMessageId: string, change: (entry: OutboxEntry) => OutboxEntry | null): Promise<OutboxEntry | undefined>;
  find(clientMessageId: string): OutboxEntry | undefined;
  tracker: UploadTracker;
  now(): number;
}

export type UploadOutcome =
  { ok: true; uploadIds: string[] } | { ok: false; transient: boolean; error: string } | { ok: false; discarded: true };

// An upload about to expire is sent again rather than attached and refused.
const EXPIRY_MARGIN_MS = 60_000;

function usable(attachment: OutboxAttachment, now: number): boolean {
  return (
    attachment.uploadId !== undefined &&
    (attachment.uploadExpiresAt === undefined || Date.parse(attachment.uploadExpiresAt) - now > EXPIRY_MARGIN_MS)
  );
}

/**
 * Sends the bytes of an entry's files that are not on the server yet, one after another, recording each upload
 * id in the stored entry as soon as it is there. A file the user cancels is dropped from the entry; an entry left
 * with neither files nor text is discarded. A refused file gets the server's reason beside it.
 */
export async function uploadAttachments(entry: OutboxEntry, deps: AttachmentSenderDeps): Promise<UploadOutcome> {
  const cid = entry.clientMessageId;
  const drop = (key: string) =>
    deps.patch(cid, (current) => {
      const attachments = (current.attachments ?? []).filter((a) => a.key !== key);
      return attachments.length === 0 && current.text.trim() === '' && !current.location
        ? null
        : { ...current, attachments };
    });
  const mark = (key: string, change: Partial<OutboxAttachment>) =>
    deps.patch(cid, (current) => ({
      ...current,
      attachments: (current.attachments ?? []).map((a) => (a.key === key ? { ...a, ...change } : a)),
    }));

  for (const attachment of entry.attachments ?? []) {
    if (deps.tracker.isCanceled(cid, attachment.key)) {
      if (!(await drop(attachment.key))) return { ok: false, discarded: true };
      continue;
    }
    if (usable(attachment, deps.now())) continue;
    const signal = deps.tracker.begin(cid, attachment.key, attachment.byteSize);
    try {
      const upload = await deps.createUpload(attachment);
      await deps.sendBytes(
        upload,
        attachment.blob,
        (loaded, total) => deps.tracker.report(cid, attachment.key, loaded, total),
        signal,
      );
      await mark(attachment.key, { uploadId: upload.id, uploadExpiresAt: upload.expiresAt, error: undefined });
    } catch (error) {
      if (error instanceof UploadFailed) {
        if (error.aborted) {
          if (!(await drop(attachment.key))) return { ok: false, discarded: true };
          continue;
        }
        if (!error.transient) await mark(attachment.key, { error: error.message });
        return { ok: false, transient: error.transient, error: `${attachment.filename}: ${error.message}` };
      }
      const refusal = deps.refusal(error);
      if (!refusal.transient) {
        const reason = Object.values(refusal.fields)[0] ?? refusal.message;
        await mark(attachment.key, { error: reason });
        return { ok: false, transient: false, error: `${attachment.filename}: ${reason}` };
      }
      return { ok: false, transient: true, error: refusal.message };
    } finally {
      deps.tracker.end(cid, attachment.key);
    }
  }
  const current = deps.find(cid);
  if (!current) return { ok: false, discarded: true };
  return { ok: true, uploadIds: (current.attachments ?? []).flatMap((a) => (a.uploadId ? [a.uploadId] : [])) };
}

/**
 * Puts the server's refusal of a send beside the file it is about, when it names one (by upload id, by its
 * position in `uploadIds` or by file name, or the only file); the entry's own error says it either way.
 */
export function refusedAttachmentKey(entry: OutboxEntry, fields: Record<string, string>): string | null {
  const attachments = entry.attachments ?? [];
  for (const [field, reason] of Object.entries(fields)) {
    const byId = attachments.find((a) => a.uploadId && (field.includes(a.uploadId) || reason.includes(a.uploadId)));
    if (byId) return byId.key;
    const index = /uploadIds\D*(\d+)/.exec(field)?.[1];
    const byIndex = index === undefined ? undefined : attachments.filter((a) => a.uploadId)[Number(index)];
    if (byIndex) return byIndex.key;
    const byName = attachments.find((a) => reason.includes(a.filename));
    if (byName) return byName.key;
    if (field.startsWith('uploadIds') && attachments.length === 1) return attachments[0]?.key ?? null;
  }
  return null;
}
