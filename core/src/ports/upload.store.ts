import type { Attachment } from '../attachments/attachment.model';

/** An upload: a file a user announced, sent (or not yet), and maybe attached to a message. */
export interface UploadRecord {
  id: string;
  uploaderId: string;
  filename: string;
  declaredType: string;
  byteSize: number;
  /** Where its bytes are. */
  blobKey: string;
  createdAt: string;
  /** The upload URL stops working then; the upload can be attached until then. */
  expiresAt: string;
  /** Set once the bytes were inspected, so a retried send does not inspect them again. */
  attachment: Attachment | null;
  /** The send that attached it (sender and clientMessageId); null while unattached. */
  claimKey: string | null;
}

/** Persistence of uploads. */
export interface UploadStore {
  create(upload: UploadRecord): Promise<void>;
  /** The uploads among `ids` (any order). */
  get(ids: readonly string[]): Promise<UploadRecord[]>;
  saveAttachment(id: string, attachment: Attachment): Promise<void>;
  /**
   * Attaches every one of `ids` to the send `claimKey`, or none: each must belong to `uploaderId`,
   * not be expired at `now`, and be unattached or attached to the same send (a retry).
   */
  claim(ids: readonly string[], uploaderId: string, claimKey: string, now: string): Promise<boolean>;
  /** Undoes {@link claim} for a send that failed. */
  release(ids: readonly string[], claimKey: string): Promise<void>;
  /** Unattached uploads created before `before`, oldest first. */
  abandoned(before: string, limit: number): Promise<UploadRecord[]>;
  delete(ids: readonly string[]): Promise<void>;
}
