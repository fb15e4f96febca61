import { randomBytes } from 'node:crypto';
import { gql } from './client';

/** A signed-up user with tokens. */
export interface TestUser {
  id: string;
  username: string;
  token: string;
  refreshToken: string;
}

/** Signs up a fresh user with a unique name. */
export function signUp(baseUrl: string, prefix = 'user'): Promise<TestUser> {
  return signUpAs(baseUrl, `${prefix}_${randomBytes(4).toString('hex')}`);
}

/** Signs up a user with exactly this username (e.g. one named in ADMIN_USERNAMES). */
export async function signUpAs(baseUrl: string, username: string): Promise<TestUser> {
  const r = await gql(
    baseUrl,
    `mutation($u: String!) { signUp(input: { username: $u, password: "correct horse" }) { accessToken refreshToken user { id } } }`,
    { u: username },
  );
  const p = r.data?.['signUp'];
  if (!p) throw new Error(`signUp failed: ${JSON.stringify(r.errors)}`);
  return { id: p.user.id, username, token: p.accessToken, refreshToken: p.refreshToken };
}
