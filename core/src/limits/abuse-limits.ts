import type { RateLimiter, RateLimiterFactory } from '../ports/rate-limiter';

/** Rate-limit settings; the defaults fit a chat used by people, not scripts. */
export interface AbusePolicy {
  /** Messages per second per user. @default 10 */
  sendPerSecond: number;
  /** Messages a user may send at once above the per-second rate. @default 20 */
  sendBurst: number;
  /** Identical texts one user may send within `duplicateWindowSeconds`. @default 5 */
  duplicateMax: number;
  /** @default 30 */
  duplicateWindowSeconds: number;
  /** Sign-ups per IP per hour. @default 50 */
  signUpPerIpPerHour: number;
  /** Log-in attempts per IP per minute. @default 30 */
  logInPerIpPerMinute: number;
  /**
   * Failed log-ins for one username from one address before that address is blocked for that
   * username: 1 minute, doubling with each block within a day up to an hour. @default 10
   */
  failedLogInsPerUsername: number;
  /** setTyping calls per second per user. @default 5 */
  typingPerSecond?: number;
  /** Reactions added or removed per second per user. @default 10 */
  reactPerSecond?: number;
  /** Uploads a user may create per hour. */
  uploadsPerHour?: number;
  /** Reports a user may make per hour. */
  reportsPerHour?: number;
}

/** Default {@link AbusePolicy}. */
export const DEFAULT_ABUSE_POLICY: AbusePolicy = {
  sendPerSecond: 10,
  sendBurst: 20,
  duplicateMax: 5,
  duplicateWindowSeconds: 30,
  signUpPerIpPerHour: 50,
  logInPerIpPerMinute: 30,
  failedLogInsPerUsername: 10,
  typingPerSecond: 5,
  reactPerSecond: 10,
  uploadsPerHour: 300,
};

/** The named limiters services consult. */
export interface AbuseLimits {
  sendMessage: RateLimiter;
  duplicateText: RateLimiter;
  signUpByIp: RateLimiter;
  logInByIp: RateLimiter;
  /** Keyed by username and address together: nobody can lock someone else out from elsewhere. */
  failedLogIns: RateLimiter;
  typing: RateLimiter;
  react: RateLimiter;
  upload: RateLimiter;
  report: RateLimiter;
}

/** Creates every limiter of `policy` on one store. */
export function createAbuseLimits(make: RateLimiterFactory, policy: AbusePolicy = DEFAULT_ABUSE_POLICY): AbuseLimits {
  return {
    sendMessage: make('send', {
      points: policy.sendPerSecond,
      durationSeconds: 1,
      burst: { points: Math.max(0, policy.sendBurst - policy.sendPerSecond), durationSeconds: 10 },
    }),
    duplicateText: make('dup', { points: policy.duplicateMax, durationSeconds: policy.duplicateWindowSeconds }),
    signUpByIp: make('signup-ip', { points: policy.signUpPerIpPerHour, durationSeconds: 3600 }),
    logInByIp: make('login-ip', { points: policy.logInPerIpPerMinute, durationSeconds: 60 }),
    failedLogIns: make('login-fail', {
      points: policy.failedLogInsPerUsername,
      durationSeconds: 3600,
      blockSeconds: 60,
      maxBlockSeconds: 3600,
    }),
    typing: make('typing', { points: policy.typingPerSecond ?? 5, durationSeconds: 1 }),
    react: make('react', { points: policy.reactPerSecond ?? 10, durationSeconds: 1 }),
    upload: make('upload', { points: policy.uploadsPerHour ?? 300, durationSeconds: 3600 }),
    report: make('report', { points: policy.reportsPerHour ?? 20, durationSeconds: 3600 }),
  };
}
