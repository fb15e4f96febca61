import type { Attachment } from '../attachments/attachment.model';
import type { UploadRecord } from './upload.store';

/** Limits a file must meet to be attached. */
export interface MediaLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Largest image, in bytes. */
  maxImageBytes: number;
}

/**
 * Reads an upload's bytes once, when it is first attached: decides its kind and media type from the
 * bytes (never from what the uploader declared), measures it and writes what readers get instead
 * of the original (an image without its metadata, a thumbnail).
 * @throws ValidationError for a file that is missing, of another size than declared, of a
 *   forbidden type or too large for its kind.
 */
export interface MediaInspector {
  inspect(upload: UploadRecord, limits: MediaLimits): Promise<Attachment>;
}
