/** What an attached file is, decided from its bytes. */
export type AttachmentKind = 'IMAGE' | 'VIDEO' | 'AUDIO' | 'FILE';

/**
 * A file attached to a message, as stored: blob keys, never URLs (URLs are signed when read, so
 * they can expire and be re-issued without touching stored messages or events).
 */
export interface Attachment {
  /** The upload it came from. */
  id: string;
  kind: AttachmentKind;
  filename: string;
  /** Sniffed from the bytes. */
  contentType: string;
  /** Size of what `blobKey` holds. */
  byteSize: number;
  /** What readers download: the upload itself, or its copy without metadata (images). */
  blobKey: string;
  thumbnailKey: string | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

/** A place shared in a LOCATION message. */
export interface GeoLocation {
  latitude: number;
  longitude: number;
  label: string | null;
}

/** Every blob an attachment holds (to delete them together). */
export function blobKeysOf(a: Attachment, uploadKey: string): string[] {
  return [...new Set([uploadKey, a.blobKey, ...(a.thumbnailKey ? [a.thumbnailKey] : [])])];
}
