import { describe, expect, it } from 'vitest';
import { userActionBlocked, userActionLabel } from '../../src/admin/user.actions';
import type { ServerUserRowFragment } from '../../src/gql/graphql';

const user: ServerUserRowFragment = {
  id: 'u1',
  username: 'carl',
  displayName: 'Carl',
  createdAt: '2026-11-01T10:00:00Z',
  serverRole: 'USER',
  roleFromConfig: false,
  suspension: null,
};

describe('actions on a user', () => {
  it('offers everything on an ordinary user, and names the role change by the role they have', () => {
    expect(userActionBlocked(user, 'SUSPEND', 'me')).toBeNull();
    expect(userActionBlocked(user, 'ROLE', 'me')).toBeNull();
    expect(userActionLabel(user, 'ROLE')).toBe('Make administrator…');
    expect(userActionLabel({ ...user, serverRole: 'ADMIN' }, 'ROLE')).toBe('Remove administrator…');
  });

  it('says why the role of a configured administrator, or one’s own, cannot change', () => {
    const configured = { ...user, serverRole: 'ADMIN' as const, roleFromConfig: true };
    expect(userActionBlocked(configured, 'ROLE', 'me')).toMatch(/ADMIN_USERNAMES/);
    expect(userActionBlocked({ ...user, id: 'me' }, 'ROLE', 'me')).toMatch(/your own role/);
  });

  it('does not suspend administrators, and lifts only what is in force', () => {
    expect(userActionBlocked({ ...user, serverRole: 'ADMIN' }, 'SUSPEND', 'me')).toMatch(/take the role back/);
    expect(userActionBlocked({ ...user, serverRole: 'ADMIN', roleFromConfig: true }, 'SUSPEND', 'me')).toBe(
      'Administrators cannot be suspended.',
    );
    expect(userActionBlocked(user, 'LIFT', 'me')).toBe('Not suspended.');
    const banned = { ...user, suspension: { id: 's', at: '2026-11-01T10:00:00Z', until: null, reason: 'spam' } };
    expect(userActionBlocked(banned, 'LIFT', 'me')).toBeNull();
    expect(userActionLabel(banned, 'LIFT')).toBe('Lift ban…');
    expect(
      userActionLabel({ ...banned, suspension: { ...banned.suspension, until: '2030-01-01T00:00:00Z' } }, 'LIFT'),
    ).toBe('Lift suspension…');
  });
});
