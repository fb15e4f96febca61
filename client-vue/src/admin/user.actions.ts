import type { ServerUserRowFragment } from '../gql/graphql';
import { LiftSuspensionMutation, SuspendUserMutation } from './admin.documents';
import { adminMutate } from './admin.request';
import { SetServerRoleMutation } from './user.documents';

/** What an administrator can do to a user from the users page; each needs a reason. */
export type UserAction = 'SUSPEND' | 'LIFT' | 'ROLE';

/** Why `action` cannot be done to `user` by the viewer `meId` (shown beside the disabled button), or null. */
export function userActionBlocked(user: ServerUserRowFragment, action: UserAction, meId: string | null): string | null {
  if (action === 'ROLE') {
    if (user.roleFromConfig) {
      return 'Administrator through the server’s configuration (ADMIN_USERNAMES): the role cannot be changed here.';
    }
    if (user.id === meId) return 'You cannot change your own role.';
  }
  if (action === 'SUSPEND' && user.serverRole === 'ADMIN') {
    return user.roleFromConfig || user.id === meId
      ? 'Administrators cannot be suspended.'
      : 'Administrators cannot be suspended: take the role back first.';
  }
  if (action === 'LIFT' && !user.suspension) return 'Not suspended.';
  return null;
}

/** The button that opens each action's form, for this user. */
export function userActionLabel(user: ServerUserRowFragment, action: UserAction): string {
  if (action === 'SUSPEND') return user.suspension ? 'Suspend again…' : 'Suspend or ban…';
  if (action === 'LIFT') return user.suspension?.until === null ? 'Lift ban…' : 'Lift suspension…';
  return user.serverRole === 'ADMIN' ? 'Remove administrator…' : 'Make administrator…';
}

/** Carries out `action` and returns the user as it is now. */
export async function performUserAction(
  user: ServerUserRowFragment,
  action: UserAction,
  input: { reason: string; hours: number | null },
): Promise<{ user: ServerUserRowFragment; status: string }> {
  const reason = input.reason.trim();
  if (action === 'SUSPEND') {
    const { suspendUser } = await adminMutate(SuspendUserMutation, { userId: user.id, hours: input.hours, reason });
    const status = suspendUser.until === null ? `${user.displayName} is banned.` : `${user.displayName} is suspended.`;
    return { user: { ...user, suspension: suspendUser }, status };
  }
  if (action === 'LIFT') {
    const { liftSuspension } = await adminMutate(LiftSuspensionMutation, { userId: user.id, reason });
    const status = liftSuspension ? `${user.displayName} can sign in again.` : `${user.displayName} was not suspended.`;
    return { user: { ...user, suspension: null }, status };
  }
  const role = user.serverRole === 'ADMIN' ? 'USER' : 'ADMIN';
  const { setServerRole } = await adminMutate(SetServerRoleMutation, { userId: user.id, role, reason });
  const status =
    role === 'ADMIN'
      ? `${user.displayName} is now an administrator.`
      : `${user.displayName} is no longer an administrator.`;
  return { user: setServerRole, status };
}
