import type { AuthChecker } from 'type-graphql';
import { UnauthenticatedError } from '@parley/core';
import type { Context } from './context';

/** `@Authorized()` means signed in; finer rules live in the domain services. */
export const authChecker: AuthChecker<Context> = ({ context }) => {
  if (!context.viewer) throw new UnauthenticatedError();
  return true;
};
