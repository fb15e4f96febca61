/** Why something was reported. */
export type ReportReason = 'SPAM' | 'HARASSMENT' | 'HATE' | 'VIOLENCE' | 'SEXUAL' | 'SELF_HARM' | 'OTHER';

/** What a report keeps of a reported message, so that deleting the message does not destroy evidence. */
export interface MessageSnapshot {
  messageId: string;
  conversationId: string;
  senderId: string | null;
  text: string | null;
  /** File names and kinds (the files themselves stay where they are). */
  attachments: { kind: string; filename: string }[];
  sentAt: string;
}

/** A report of a message or a user, and what an administrator decided. */
export interface ReportRecord {
  id: string;
  reporterId: string;
  /** The user reported: the message's sender, or the user reported directly. */
  targetUserId: string;
  reason: ReportReason;
  note: string | null;
  message: MessageSnapshot | null;
  createdAt: string;
  status: 'OPEN' | 'RESOLVED';
  resolution: { outcome: 'DISMISSED' | 'ACTIONED'; by: string; reason: string; at: string } | null;
}

/** Persistence of reports. */
export interface ReportStore {
  /** Stores a report; false when the reporter already reported the same message (or user) and it is still open. */
  create(report: ReportRecord): Promise<boolean>;
  get(id: string): Promise<ReportRecord | null>;
  /** Reports with `status`, newest first, older than the report `beforeId` when given. */
  list(status: ReportRecord['status'], first: number, beforeId: string | null): Promise<ReportRecord[]>;
  /** Resolves an open report; false when it was resolved already. */
  resolve(id: string, resolution: NonNullable<ReportRecord['resolution']>): Promise<boolean>;
}
