import { pino, type Logger } from 'pino';

/** Paths that may carry secrets or user content; pino replaces them before a line is written. */
const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'refreshToken',
  '*.refreshToken',
  'accessToken',
  '*.accessToken',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'text',
  '*.text',
  'variables',
  '*.variables',
];

/** Creates the process logger: JSON lines on stdout, each with the process id (cluster workers share stdout). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: { service: 'parley', pid: process.pid },
  });
}

export type { Logger };
