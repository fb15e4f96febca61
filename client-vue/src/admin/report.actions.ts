import type { ReportOutcome } from '../gql/graphql';
import {
  DeleteMessageAsAdminMutation,
  RemoveMemberAsAdminMutation,
  ResolveReportMutation,
  SuspendUserMutation,
} from './admin.documents';
import { adminMutate } from './admin.request';

/** What an administrator can do about a report. Each closes it; all but dismissing also act. */
export type ReportAction = 'DISMISS' | 'DELETE_MESSAGE' | 'SUSPEND' | 'REMOVE_FROM_GROUP';

/** Each action's choice, button and what the page says once it is done. */
export const REPORT_ACTION_LABELS: Record<ReportAction, { label: string; submit: string; done: string }> = {
  DISMISS: { label: 'Dismiss: nothing to do', submit: 'Dismiss report', done: 'Report dismissed.' },
  DELETE_MESSAGE: {
    label: 'Delete the message for everyone',
    submit: 'Delete message',
    done: 'Message deleted; report closed.',
  },
  SUSPEND: { label: 'Suspend or ban the user', submit: 'Suspend user', done: 'User suspended; report closed.' },
  REMOVE_FROM_GROUP: {
    label: 'Remove the sender from the conversation',
    submit: 'Remove from conversation',
    done: 'Removed from the conversation; report closed.',
  },
};

/** The parts of a report the actions need. */
export interface ReportTarget {
  id: string;
  message: { messageId: string; conversationId: string; conversationKind?: string | null } | null;
  targetUser: { id: string } | null;
}

export interface ReportChoice {
  action: ReportAction;
  /** The administrator's reason: given to every step, so the audit log says why each happened. */
  reason: string;
  /** For SUSPEND: hours, or null for a ban. */
  hours: number | null;
}

/** One request of an action; the report is closed (`resolve`) last, once the action itself succeeded. */
export type ReportStep =
  | { kind: 'deleteMessage'; messageId: string }
  | { kind: 'suspend'; userId: string; hours: number | null }
  | { kind: 'removeMember'; conversationId: string; userId: string }
  | { kind: 'resolve'; reportId: string; outcome: ReportOutcome };

/**
 * The actions that make sense for a report: a report of a user has no message to delete or group to
 * leave, and a message in a direct conversation has no group to be removed from.
 */
export function availableActions(report: ReportTarget): ReportAction[] {
  const actions: ReportAction[] = ['DISMISS'];
  if (report.message) actions.push('DELETE_MESSAGE');
  if (report.targetUser) actions.push('SUSPEND');
  if (report.message && report.targetUser && report.message.conversationKind !== 'DIRECT') {
    actions.push('REMOVE_FROM_GROUP');
  }
  return actions;
}

/**
 * The requests that carry out `choice`, leaving out the kinds in `done`: when closing the report failed after the
 * action succeeded, trying again must not delete or suspend a second time.
 */
export function planReportAction(
  report: ReportTarget,
  choice: ReportChoice,
  done: ReadonlySet<ReportStep['kind']> = new Set(),
): ReportStep[] {
  if (!availableActions(report).includes(choice.action)) throw new Error(`${choice.action} does not apply here`);
  const steps: ReportStep[] = [];
  const message = report.message;
  const userId = report.targetUser?.id;
  if (choice.action === 'DELETE_MESSAGE' && message) {
    steps.push({ kind: 'deleteMessage', messageId: message.messageId });
  } else if (choice.action === 'SUSPEND' && userId) {
    steps.push({ kind: 'suspend', userId, hours: choice.hours });
  } else if (choice.action === 'REMOVE_FROM_GROUP' && message && userId) {
    steps.push({ kind: 'removeMember', conversationId: message.conversationId, userId });
  }
  steps.push({ kind: 'resolve', reportId: report.id, outcome: choice.action === 'DISMISS' ? 'DISMISSED' : 'ACTIONED' });
  return steps.filter((step) => !done.has(step.kind));
}

/** Sends one step to the server with the administrator's reason. */
export async function performReportStep(step: ReportStep, reason: string): Promise<void> {
  const why = reason.trim();
  switch (step.kind) {
    case 'deleteMessage':
      await adminMutate(DeleteMessageAsAdminMutation, { messageId: step.messageId, reason: why });
      return;
    case 'suspend':
      await adminMutate(SuspendUserMutation, { userId: step.userId, hours: step.hours, reason: why });
      return;
    case 'removeMember':
      await adminMutate(RemoveMemberAsAdminMutation, {
        conversationId: step.conversationId,
        userId: step.userId,
        reason: why,
      });
      return;
    case 'resolve':
      await adminMutate(ResolveReportMutation, { reportId: step.reportId, outcome: step.outcome, reason: why });
  }
}

/**
 * Carries out `choice` step by step, noting each finished kind in `done` (kept per report by the caller), so
 * that trying again after a failure goes on where it stopped. Throws the first failure.
 */
export async function carryOutReportAction(
  report: ReportTarget,
  choice: ReportChoice,
  done: Set<ReportStep['kind']>,
  perform: (step: ReportStep, reason: string) => Promise<void> = performReportStep,
): Promise<void> {
  for (const step of planReportAction(report, choice, done)) {
    await perform(step, choice.reason);
    done.add(step.kind);
  }
}
