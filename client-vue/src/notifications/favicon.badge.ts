/** The text drawn on the favicon: nothing at 0, the count up to 99, then "99+" (three glyphs still fit). */
export function badgeText(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}

let original: string | null = null;
let drawn = '';

function iconLink(): HTMLLinkElement | null {
  return document.querySelector<HTMLLinkElement>('link[rel="icon"]');
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('icon not loaded'));
    image.src = src;
  });
}

/**
 * Draws the unread count on the app icon and puts it in the tab's icon link; 0 puts the original icon back.
 * A canvas data URL, so nothing is fetched beyond the icon itself (precached by the service worker).
 */
export async function showFaviconBadge(count: number): Promise<void> {
  const link = iconLink();
  if (!link) return;
  original ??= link.href;
  const text = badgeText(count);
  if (text === drawn) return;
  drawn = text;
  if (!text) {
    link.href = original;
    return;
  }
  const size = 64;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  try {
    ctx.drawImage(await loadImage(original), 0, 0, size, size);
  } catch {
    // The badge alone still says something.
  }
  if (drawn !== text) return;
  const width = text.length > 1 ? size * 0.72 : size * 0.5;
  ctx.fillStyle = '#d92d20';
  ctx.beginPath();
  ctx.roundRect(size - width, 0, width, size * 0.5, size * 0.25);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold ${text.length > 2 ? 22 : 28}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, size - width / 2, size * 0.26);
  link.href = canvas.toDataURL('image/png');
}
