import { fileTypeFromBuffer } from 'file-type';
import { parseStream } from 'music-metadata';
import sharp from 'sharp';
import type { Attachment, AttachmentKind, BlobStore, MediaInspector, UploadRecord } from '@parley/core';
import { ValidationError } from '@parley/core';

/** Bytes file-type needs to recognise any format it knows. */
const SNIFF_BYTES = 4100;
/** Decoded images larger than this are refused (a small file can decode to gigabytes). */
const MAX_PIXELS = 40_000_000;
const THUMBNAIL_PX = 320;

/** Sniffed types that are attached as what they are; any other recognised type is a FILE. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);
const AUDIO_VIDEO = /^(audio|video)\//;
/** Containers that hold audio or video alike: the declared type says which (both are inert). */
const EITHER = new Set(['video/webm', 'video/mp4', 'audio/webm', 'audio/mp4', 'video/ogg', 'audio/ogg']);
/** Programs and documents a browser would run or render as a page: never served from here. */
const FORBIDDEN_TYPES = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/x-executable',
  'application/vnd.microsoft.portable-executable',
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/x-msi',
  'application/x-shockwave-flash',
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'application/xml',
  'text/xml',
]);
const FORBIDDEN_EXTENSIONS =
  /\.(exe|dll|com|scr|msi|bat|cmd|ps1|vbs|js|mjs|jar|apk|app|sh|html?|xht|xhtml|svgz?|xml|hta|lnk)$/i;
/** Markup a browser would sniff as a page or a script, when nothing else recognised the bytes. */
const MARKUP = /^\s*(<\?xml|<!doctype|<html|<svg|<script|<head|<body|<iframe|<!--)/i;

function refuse(reason: string): never {
  throw new ValidationError({ uploadIds: reason });
}

/**
 * {@link MediaInspector} with file-type (the type from the bytes), sharp (image size, a copy without
 * EXIF/GPS and a thumbnail) and music-metadata (duration from the container).
 */
export function createMediaInspector(blobs: BlobStore): MediaInspector {
  async function image(u: UploadRecord, type: string, size: number): Promise<Partial<Attachment>> {
    const input = await streamToBuffer(u.blobKey, blobs, size);
    const options = { limitInputPixels: MAX_PIXELS, animated: type === 'image/gif' || type === 'image/webp' };
    try {
      const meta = await sharp(input, options).metadata();
      // What others download is re-encoded without metadata (EXIF, GPS, XMP). GIFs are kept as sent:
      // the format has no EXIF block, and re-encoding would cost animations their quality.
      let blobKey = u.blobKey;
      let byteSize = size;
      let { width, height } = meta;
      if (meta.pageHeight) height = meta.pageHeight;
      if (type !== 'image/gif') {
        const clean = await sharp(input, options).rotate().toBuffer({ resolveWithObject: true });
        blobKey = `media/${u.id}`;
        byteSize = clean.info.size;
        ({ width, height } = clean.info);
        await blobs.put(blobKey, clean.data, type);
      }
      const thumb = await sharp(input, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 70 })
        .toBuffer();
      await blobs.put(`thumbs/${u.id}`, thumb, 'image/webp');
      return { blobKey, byteSize, width: width ?? null, height: height ?? null, thumbnailKey: `thumbs/${u.id}` };
    } catch (err) {
      if (err instanceof ValidationError) throw err;
      refuse(`${u.id} is not a readable image`);
    }
  }

  async function duration(u: UploadRecord, type: string, size: number): Promise<number | null> {
    const stream = await blobs.read(u.blobKey);
    try {
      const meta = await parseStream(stream, { mimeType: type, size }, { duration: true, skipCovers: true });
      const seconds = meta.format.duration;
      return seconds !== undefined && Number.isFinite(seconds) ? Math.round(seconds * 1000) : null;
    } catch {
      // A container without a readable duration is still a playable file.
      return null;
    } finally {
      stream.destroy();
    }
  }

  return {
    async inspect(u, limits) {
      const size = await blobs.size(u.blobKey);
      if (size === null) refuse(`${u.id} has not been uploaded yet`);
      if (size !== u.byteSize) refuse(`${u.id} holds ${size} bytes, not the ${u.byteSize} announced`);
      const head = await blobs.head(u.blobKey, SNIFF_BYTES);
      const sniffed = (await fileTypeFromBuffer(head))?.mime as string | undefined;
      if (
        (sniffed && FORBIDDEN_TYPES.has(sniffed)) ||
        FORBIDDEN_EXTENSIONS.test(u.filename) ||
        (!sniffed && MARKUP.test(head.toString('latin1')))
      ) {
        refuse(`${u.filename} is a type of file that cannot be sent`);
      }
      let type = sniffed ?? 'application/octet-stream';
      if (EITHER.has(type)) {
        const declaredAudio = u.declaredType.toLowerCase().startsWith('audio/');
        type = type.replace(/^(audio|video)\//, declaredAudio ? 'audio/' : 'video/');
      }
      const kind: AttachmentKind = IMAGE_TYPES.has(type)
        ? 'IMAGE'
        : AUDIO_VIDEO.test(type)
          ? type.startsWith('audio/')
            ? 'AUDIO'
            : 'VIDEO'
          : 'FILE';
      const max = kind === 'IMAGE' ? limits.maxImageBytes : limits.maxBytes;
      if (size > max) refuse(`${u.filename} is larger than ${max} bytes`);
      const base: Attachment = {
        id: u.id,
        kind,
        filename: u.filename,
        contentType: type,
        byteSize: size,
        blobKey: u.blobKey,
        thumbnailKey: null,
        width: null,
        height: null,
        durationMs: null,
      };
      if (kind === 'IMAGE') return { ...base, ...(await image(u, type, size)) };
      if (kind === 'AUDIO' || kind === 'VIDEO') return { ...base, durationMs: await duration(u, type, size) };
      return base;
    },
  };
}

/** An image (at most the image limit, checked first) as one buffer, which the decoder needs anyway. */
async function streamToBuffer(key: string, blobs: BlobStore, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.read(key)) chunks.push(chunk as Buffer);
  const all = Buffer.concat(chunks);
  if (all.length !== size) throw new ValidationError({ uploadIds: 'the upload changed while it was read' });
  return all;
}
