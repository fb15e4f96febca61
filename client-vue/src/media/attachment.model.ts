import type { AttachmentKind } from './attachment.rules';

/** An attachment as the API gives it (the `Attachment` type): its URLs are signed and expire after about an hour. */
export interface AttachmentView {
  id: string;
  kind: AttachmentKind;
  filename: string;
  contentType: string;
  byteSize: number;
  url: string;
  thumbnailUrl?: string | null;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
}

/** Fits an image of `width`×`height` into a box, never enlarging it, so its space is kept before it loads. */
export function fitWithin(
  width: number | null | undefined,
  height: number | null | undefined,
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } | null {
  if (!width || !height || width <= 0 || height <= 0) return null;
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A short glyph for a file's kind, beside its name (decorative: the name and size say what it is). */
export function fileIcon(contentType: string, filename: string): string {
  const type = contentType.toLowerCase();
  const ext = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
  if (type === 'application/pdf' || ext === 'pdf') return 'PDF';
  if (type.includes('zip') || type.includes('compressed') || ['zip', 'gz', 'tgz', '7z', 'rar'].includes(ext)) {
    return 'ZIP';
  }
  if (type.startsWith('text/') || ['txt', 'md', 'csv', 'log'].includes(ext)) return 'TXT';
  if (type.includes('sheet') || ['xls', 'xlsx', 'ods'].includes(ext)) return 'XLS';
  if (type.includes('word') || type.includes('document') || ['doc', 'docx', 'odt'].includes(ext)) return 'DOC';
  if (type.startsWith('audio/')) return '♪';
  if (type.startsWith('video/')) return '▶';
  if (type.startsWith('image/')) return 'IMG';
  return 'FILE';
}
