import { graphql } from '../gql';

// The console's reads and writes. They never go through the normalized cache (see admin.request.ts).

export const IsServerAdminQuery = graphql(`
  query IsServerAdmin {
    isServerAdmin
  }
`);

graphql(`
  fragment AdminUser on User {
    id
    username
    displayName
  }
`);

export const ModerationQueueQuery = graphql(`
  query ModerationQueue($status: ReportStatus!, $first: Int!, $before: ID) {
    moderationQueue(status: $status, first: $first, before: $before) {
      id
      createdAt
      reason
      note
      status
      reporter {
        ...AdminUser
      }
      targetUser {
        ...AdminUser
      }
      message {
        messageId
        conversationId
        conversationKind
        sentAt
        text
        attachments {
          filename
          kind
        }
      }
      context {
        id
        seq
        createdAt
        deletedAt
        kind
        text
        sender {
          ...AdminUser
        }
        attachments {
          filename
        }
      }
      resolution {
        outcome
        reason
        at
        by
      }
    }
  }
`);

export const ResolveReportMutation = graphql(`
  mutation ResolveReport($reportId: ID!, $outcome: ReportOutcome!, $reason: String!) {
    resolveReport(reportId: $reportId, outcome: $outcome, reason: $reason) {
      id
      status
    }
  }
`);

export const DeleteMessageAsAdminMutation = graphql(`
  mutation DeleteMessageAsAdmin($messageId: ID!, $reason: String!) {
    deleteMessageAsAdmin(messageId: $messageId, reason: $reason)
  }
`);

export const RemoveMemberAsAdminMutation = graphql(`
  mutation RemoveMemberAsAdmin($conversationId: ID!, $userId: ID!, $reason: String!) {
    removeMemberAsAdmin(conversationId: $conversationId, userId: $userId, reason: $reason)
  }
`);

export const SuspendUserMutation = graphql(`
  mutation SuspendUser($userId: ID!, $hours: Int, $reason: String!) {
    suspendUser(userId: $userId, hours: $hours, reason: $reason) {
      id
      userId
      at
      until
      reason
    }
  }
`);

export const LiftSuspensionMutation = graphql(`
  mutation LiftSuspension($userId: ID!, $reason: String!) {
    liftSuspension(userId: $userId, reason: $reason)
  }
`);

export const SuspensionAppealsQuery = graphql(`
  query SuspensionAppeals($status: AppealStatus!, $first: Int!) {
    suspensionAppeals(status: $status, first: $first) {
      id
      userId
      user {
        id
        username
        displayName
      }
      note
      createdAt
      status
      suspension {
        id
        at
        until
        reason
      }
      decision {
        at
        by
        reason
      }
    }
  }
`);

export const DecideAppealMutation = graphql(`
  mutation DecideAppeal($appealId: ID!, $lift: Boolean!, $reason: String!) {
    decideAppeal(appealId: $appealId, lift: $lift, reason: $reason) {
      id
      status
    }
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog(
    $action: AuditAction
    $actorId: ID
    $actorUsername: String
    $targetId: String
    $since: DateTime
    $until: DateTime
    $first: Int!
    $before: ID
  ) {
    auditLog(
      action: $action
      actorId: $actorId
      actorUsername: $actorUsername
      targetId: $targetId
      since: $since
      until: $until
      first: $first
      before: $before
    ) {
      id
      at
      action
      actorId
      targetId
      ip
      details
    }
  }
`);
