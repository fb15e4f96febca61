/** Who is calling, once an access token has been verified. */
export interface Viewer {
  userId: string;
  /** The session, or for a personal access token the token's id. */
  sessionId: string;
  /** Set when the caller presented a personal access token rather than a session's access token. */
  accessTokenId?: string;
}
