import { UnauthenticatedError, type Domain, type Viewer } from '@parley/core';
import type { Loaders } from './loaders';

/** The domain services resolvers call. */
export type Services = Omit<Domain, 'feeds' | 'dispose'>;

/** Per-operation context (per connection for subscriptions, whose loaders do not cache). */
export interface Context {
  viewer: Viewer | null;
  services: Services;
  loaders: Loaders;
  /** Correlates log lines of one request. */
  requestId?: string;
  /** The client's address, for per-IP limits. */
  clientIp?: string;
}

/** The signed-in viewer; subscriptions' `subscribe` runs before `@Authorized`, so this checks too. */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}
