/** Limits the server enforces (API.md, "Attachments and location"), checked first so a user learns at once. */
export const MAX_FILES_PER_MESSAGE = 10;
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export type AttachmentKind = 'IMAGE' | 'VIDEO' | 'AUDIO' | 'FILE';

/** A file picked, pasted, dropped or recorded, with what the upload will declare for it. */
export interface DraftFile {
  key: string;
  blob: Blob;
  filename: string;
  contentType: string;
  byteSize: number;
  kind: AttachmentKind;
}

export interface RejectedFile {
  filename: string;
  reason: string;
}

export interface UploadPlan {
  accepted: DraftFile[];
  rejected: RejectedFile[];
}

// The server refuses these whatever their bytes say (executables, and markup a browser would run): refusing
// them here saves an upload that cannot succeed.
const FORBIDDEN_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-sh',
  'application/vnd.microsoft.portable-executable',
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/xml',
  'text/xml',
]);
const FORBIDDEN_EXTENSIONS = new Set(
  'exe dll com scr msi bat cmd ps1 vbs js mjs jar apk app sh html htm xht xhtml svg svgz xml hta lnk'.split(' '),
);

/** The declared media type without parameters (`audio/webm;codecs=opus` → `audio/webm`), never empty. */
export function baseContentType(type: string): string {
  const base = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return base === '' ? 'application/octet-stream' : base;
}

export function kindOf(contentType: string): AttachmentKind {
  const type = baseContentType(contentType);
  if (type.startsWith('image/')) return 'IMAGE';
  if (type.startsWith('video/')) return 'VIDEO';
  if (type.startsWith('audio/')) return 'AUDIO';
  return 'FILE';
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

/** Why a file cannot be sent, or null when it can. */
export function rejectionOf(filename: string, contentType: string, byteSize: number): string | null {
  const type = baseContentType(contentType);
  if (FORBIDDEN_TYPES.has(type) || FORBIDDEN_EXTENSIONS.has(extensionOf(filename))) {
    return 'This type of file cannot be sent';
  }
  if (byteSize === 0) return 'The file is empty';
  const limit = kindOf(type) === 'IMAGE' ? MAX_IMAGE_BYTES : MAX_FILE_BYTES;
  if (byteSize > limit) return `Too large: at most ${limit / (1024 * 1024)} MB`;
  return null;
}

let counter = 0;

/**
 * Splits new files into those that can go with the message and those refused, with the reason shown beside
 * each; files past the per-message limit (counting the `alreadyChosen` ones) are refused too.
 */
export function planUploads(files: readonly File[], alreadyChosen: number): UploadPlan {
  const accepted: DraftFile[] = [];
  const rejected: RejectedFile[] = [];
  for (const file of files) {
    const filename = file.name || 'file';
    const contentType = baseContentType(file.type);
    const reason =
      rejectionOf(filename, contentType, file.size) ??
      (alreadyChosen + accepted.length >= MAX_FILES_PER_MESSAGE
        ? `At most ${MAX_FILES_PER_MESSAGE} files per message`
        : null);
    if (reason) {
      rejected.push({ filename, reason });
      continue;
    }
    counter++;
    accepted.push({
      key: `${Date.now().toString(36)}-${counter}`,
      blob: file,
      filename,
      contentType,
      byteSize: file.size,
      kind: kindOf(contentType),
    });
  }
  return { accepted, rejected };
}

/** Images pasted from the clipboard often come as `image.png` each: give them a name that says when. */
export function pastedName(file: File, now: Date): File {
  if (file.name && file.name !== 'image.png') return file;
  const ext = extensionOf(file.name) || baseContentType(file.type).split('/')[1] || 'bin';
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
  return new File([file], `pasted-${stamp}.${ext}`, { type: file.type });
}
