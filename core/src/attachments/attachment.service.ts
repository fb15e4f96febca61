import { randomUUID } from 'node:crypto';
import type { RateLimiter } from '../ports/rate-limiter';
import type { BlobStore, UploadTarget } from '../ports/blob.store';
import type { MediaInspector, MediaLimits } from '../ports/media-inspector';
import type { UploadRecord, UploadStore } from '../ports/upload.store';
import { ValidationError } from '../shared/errors';
import { codePointLength, FieldErrors, hasForbiddenChars, isId } from '../shared/validate';
import { blobKeysOf, type Attachment } from './attachment.model';

/** Settings of {@link createAttachmentService}. */
export interface AttachmentServiceDeps {
  uploads: UploadStore;
  blobs: BlobStore;
  inspector: MediaInspector;
  limits: MediaLimits;
  /** Uploads a user may create; none when omitted (unit tests). */
  rateLimit?: RateLimiter | undefined;
  now?: () => Date;
}

/** What `createUpload` takes. */
export interface UploadRequest {
  filename: string;
  contentType: string;
  byteSize: number;
}

/** Where to send the bytes, and until when. */
export type UploadGrant = UploadTarget & { id: string; expiresAt: string };

/** Most files one message carries. */
export const MAX_ATTACHMENTS = 10;
/** How long an upload URL works, and an upload can be attached. */
const UPLOAD_TTL_MS = 60 * 60 * 1000;
/** Unattached uploads are deleted this long after they were created. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
/** Read URLs are signed for the next whole hour and one more, so one URL serves (and caches) a while. */
const READ_URL_STEP_MS = 60 * 60 * 1000;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The key an upload's own bytes are stored at. */
export const uploadBlobKey = (id: string): string => `uploads/${id}`;

/** The file name without any path, trimmed. */
function baseName(filename: string): string {
  return filename.split(/[\\/]/).pop()!.trim();
}

/** Uploads: granting them, inspecting and attaching them to a message, signing their URLs, deleting them. */
export function createAttachmentService(d: AttachmentServiceDeps) {
  const now = d.now ?? (() => new Date());

  return {
    /** Records an upload and returns where its bytes go. */
    async createUpload(viewerId: string, input: UploadRequest): Promise<UploadGrant> {
      const errors = new FieldErrors();
      const filename = baseName(input.filename);
      const len = codePointLength(filename);
      errors.check(len < 1 || len > 255, 'filename', 'must be 1 to 255 characters (without a path)');
      errors.check(hasForbiddenChars(filename), 'filename', 'must not contain control characters');
      errors.check(!MEDIA_TYPE.test(input.contentType), 'contentType', 'must be a media type such as image/png');
      const limit = input.contentType.toLowerCase().startsWith('image/') ? d.limits.maxImageBytes : d.limits.maxBytes;
      errors.check(
        !Number.isInteger(input.byteSize) || input.byteSize < 1 || input.byteSize > limit,
        'byteSize',
        `must be between 1 and ${limit} bytes`,
      );
      errors.throwIfAny();
      await d.rateLimit?.consume(viewerId);
      const id = randomUUID();
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + UPLOAD_TTL_MS);
      const record: UploadRecord = {
        id,
        uploaderId: viewerId,
        filename,
        declaredType: input.contentType,
        byteSize: input.byteSize,
        blobKey: uploadBlobKey(id),
        createdAt: createdAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
        attachment: null,
        claimKey: null,
      };
      await d.uploads.create(record);
      const target = await d.blobs.uploadTarget(record.blobKey, input.contentType, input.byteSize, expiresAt);
      return { ...target, id, expiresAt: record.expiresAt };
    },

    /**
     * The attachments for a send, in the order given: each upload inspected (once) and attached to
     * the send `claimKey`. Call {@link release} if the send then fails.
     */
    async attach(viewerId: string, uploadIds: readonly string[], claimKey: string): Promise<Attachment[]> {
      const at = now().toISOString();
      const records = new Map((await d.uploads.get(uploadIds)).map((u) => [u.id, u]));
      for (const id of uploadIds) {
        const u = records.get(id);
        if (!u || u.uploaderId !== viewerId)
          throw new ValidationError({ uploadIds: `${id} is not one of your uploads` });
        if (u.claimKey !== null && u.claimKey !== claimKey) {
          throw new ValidationError({ uploadIds: `${id} is already attached to a message` });
        }
        if (u.claimKey === null && u.expiresAt <= at) throw new ValidationError({ uploadIds: `${id} has expired` });
      }
      const attachments: Attachment[] = [];
      for (const id of uploadIds) {
        const u = records.get(id)!;
        let a = u.attachment;
        if (!a) {
          a = await d.inspector.inspect(u, d.limits);
          await d.uploads.saveAttachment(id, a);
        }
        attachments.push(a);
      }
      if (!(await d.uploads.claim(uploadIds, viewerId, claimKey, at))) {
        throw new ValidationError({ uploadIds: 'an upload was attached elsewhere or expired meanwhile' });
      }
      return attachments;
    },

    /** Detaches uploads from a send that did not happen, so they can be attached again. */
    release(uploadIds: readonly string[], claimKey: string): Promise<void> {
      return d.uploads.release(uploadIds, claimKey);
    },

    /** Signed URLs for an attachment; the same for every caller within an hour, valid one to two hours. */
    async urls(a: Attachment): Promise<{ url: string; thumbnailUrl: string | null }> {
      const expiresAt = new Date((Math.floor(now().getTime() / READ_URL_STEP_MS) + 2) * READ_URL_STEP_MS);
      const url = await d.blobs.readUrl(a.blobKey, { filename: a.filename, contentType: a.contentType, expiresAt });
      const thumbnailUrl = a.thumbnailKey
        ? await d.blobs.readUrl(a.thumbnailKey, {
            filename: `thumbnail-${a.filename}`,
            contentType: 'image/webp',
            expiresAt,
          })
        : null;
      return { url, thumbnailUrl };
    },

    /** Deletes the blobs and uploads of attachments whose message was deleted for everyone. */
    async discard(attachments: readonly Attachment[]): Promise<void> {
      if (attachments.length === 0) return;
      await d.blobs.delete(attachments.flatMap((a) => blobKeysOf(a, uploadBlobKey(a.id))));
      await d.uploads.delete(attachments.map((a) => a.id));
    },

    /** Deletes uploads never attached within a day, with their blobs; returns how many. */
    async sweep(): Promise<number> {
      const before = new Date(now().getTime() - ABANDONED_AFTER_MS).toISOString();
      let removed = 0;
      for (;;) {
        const batch = await d.uploads.abandoned(before, 100);
        if (batch.length === 0) return removed;
        const keys = batch.flatMap((u) => (u.attachment ? blobKeysOf(u.attachment, u.blobKey) : [u.blobKey]));
        await d.blobs.delete(keys);
        await d.uploads.delete(batch.map((u) => u.id));
        removed += batch.length;
      }
    },
  };
}

/** Checks the ids of uploads to attach. */
export function checkUploadIds(errors: FieldErrors, ids: readonly string[]): void {
  errors.check(ids.length > MAX_ATTACHMENTS, 'uploadIds', `must hold at most ${MAX_ATTACHMENTS} uploads`);
  errors.check(!ids.every(isId), 'uploadIds', 'must be valid IDs');
  errors.check(new Set(ids).size !== ids.length, 'uploadIds', 'must not repeat an upload');
}

/** The attachment service's surface. */
export type AttachmentService = ReturnType<typeof createAttachmentService>;
