/**
 * Turns the server's VAPID public key (base64url, as `vapidPublicKey` answers it) into the bytes
 * `PushManager.subscribe` takes as `applicationServerKey`. Padding and the standard alphabet are accepted too.
 */
export function vapidKeyToBytes(key: string): Uint8Array<ArrayBuffer> {
  const trimmed = key.trim().replace(/=+$/, '');
  if (!/^[A-Za-z0-9_+/-]*$/.test(trimmed)) throw new Error('The server key is not base64url');
  const base64 = trimmed.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (trimmed.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
