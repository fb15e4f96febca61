import { expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '@parley/core';
import { AuditAction } from '@parley/schema';

it('offers every audit action the domain records in the GraphQL enum, and no other', () => {
  expect(Object.values(AuditAction).sort()).toEqual([...AUDIT_ACTIONS].sort());
});
