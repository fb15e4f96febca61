/** How far one of the viewer's own messages got: SENT, DELIVERED to every recipient, READ by every recipient. */
export type DeliveryStatus = 'SENT' | 'DELIVERED' | 'READ';

/** The receipt of one of the viewer's own messages. */
export interface MessageReceipt {
  status: DeliveryStatus;
  deliveredCount: number;
  readCount: number;
  /** Members other than the sender who were in the conversation when it was sent. */
  recipientCount: number;
}

/** A member's markers as a ReceiptsUpdated event announces them. */
export interface ReceiptMark {
  userId: string;
  lastReadSeq: number;
  lastDeliveredSeq: number;
  /** Whether the member shares their reads: when false, others see lastReadSeq 0. */
  readReceipts: boolean;
}
