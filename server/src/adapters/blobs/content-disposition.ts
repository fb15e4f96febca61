/**
 * How a download presents itself: images, video and audio may show in place, anything else is saved
 * as a file. The name goes as RFC 6266 `filename*`, so any name survives and none can break out of
 * the header.
 */
export function contentDisposition(contentType: string, filename: string): string {
  const kind = /^(image|video|audio)\//.test(contentType) ? 'inline' : 'attachment';
  return `${kind}; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
