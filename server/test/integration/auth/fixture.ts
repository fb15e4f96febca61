const AUTH_FIELDS = 'accessToken refreshToken accessTokenExpiresAt user { id username displayName }';
export const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`;
export const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { ${AUTH_FIELDS} } }`;
export const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`;
export const ME = `{ me { id username displayName avatarUrl } }`;
export const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName avatarUrl } }`;

/** A username no other test has taken. */
export const unique = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
