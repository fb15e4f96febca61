import type { MessageItemFragment } from '../gql/graphql';

export type TickState = 'pending' | 'failed' | 'sent' | 'delivered' | 'read';

export interface Ticks {
  state: TickState;
  /** What a screen reader says, and the tooltip. */
  label: string;
  /** "Read by 2" in groups while not everyone has read it; null otherwise. */
  readBy: string | null;
}

type Receipt = NonNullable<MessageItemFragment['receipt']>;

/**
 * The ticks of one of the viewer's own messages: a clock while it waits in the outbox, one tick once stored,
 * two once on a device of every recipient, two in colour once read by all (READ never comes while the viewer's
 * own read receipts are off). Groups say how many read it on the way there.
 */
export function ticksFor(
  status: 'sent' | 'pending' | 'failed',
  receipt: Receipt | null | undefined,
  group: boolean,
): Ticks | null {
  if (status === 'pending') return { state: 'pending', label: 'Sending', readBy: null };
  if (status === 'failed') return { state: 'failed', label: 'Not sent', readBy: null };
  // A message another device of ours sent arrives without a receipt until the receipts are read again.
  if (!receipt) return { state: 'sent', label: 'Sent', readBy: null };
  const { readCount, recipientCount } = receipt;
  const partly = group && readCount > 0 && receipt.status !== 'READ';
  const readBy = partly ? `Read by ${readCount}` : null;
  switch (receipt.status) {
    case 'READ':
      return { state: 'read', label: group ? 'Read by everyone' : 'Read', readBy: null };
    case 'DELIVERED':
      return {
        state: 'delivered',
        label: partly ? `Delivered, read by ${readCount} of ${recipientCount}` : 'Delivered',
        readBy,
      };
    case 'SENT':
      return { state: 'sent', label: partly ? `Sent, read by ${readCount} of ${recipientCount}` : 'Sent', readBy };
  }
}
