import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The embedded mode's JWT secret: generated on first start and kept in `DATA_DIR/jwt-secret`
 * (mode 0600), so sessions survive restarts without any setup.
 */
export async function loadOrCreateSecret(dataDir: string): Promise<string> {
  const file = path.resolve(dataDir, 'jwt-secret');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The VAPID key pair for Web Push when none is configured: generated on first start and kept in
 * `DATA_DIR/vapid.json` (mode 0600), so browsers' subscriptions survive restarts.
 */
export async function loadOrCreateVapidKeys(
  dataDir: string,
  generate: () => { publicKey: string; privateKey: string },
): Promise<{ publicKey: string; privateKey: string }> {
  const file = path.resolve(dataDir, 'vapid.json');
  const existing = await readFile(file, 'utf8').catch(() => '');
  try {
    const keys = JSON.parse(existing) as { publicKey?: string; privateKey?: string };
    if (keys.publicKey && keys.privateKey) return { publicKey: keys.publicKey, privateKey: keys.privateKey };
  } catch {
    // Missing or unreadable: make a new pair below.
  }
  await mkdir(dataDir, { recursive: true });
  const keys = generate();
  await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
