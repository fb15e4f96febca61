/**
 * Rate limits high enough that suites about other behaviour never trip them (they sign up many
 * users and send fast from one address); abuse tests set their own.
 */
export const RELAXED_LIMITS: Record<string, string> = {
  RATE_SEND_PER_SECOND: '100000',
  RATE_SEND_BURST: '100000',
  RATE_DUPLICATE_MAX: '100000',
  RATE_SIGNUP_PER_IP_PER_HOUR: '1000000',
  RATE_LOGIN_PER_IP_PER_MINUTE: '1000000',
  RATE_FAILED_LOGINS_PER_USERNAME: '1000000',
  WS_OPERATIONS_PER_SECOND: '100000',
  WS_MAX_SOCKETS_PER_USER: '10000',
};
