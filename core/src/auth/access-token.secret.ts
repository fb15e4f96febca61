import { createHash } from 'node:crypto';

/** The prefix that tells a personal access token from a session's JWT. */
export const ACCESS_TOKEN_PREFIX = 'pat_';

/** SHA-256 of a secret, as stored. */
export const hashAccessToken = (secret: string) => createHash('sha256').update(secret).digest('hex');
