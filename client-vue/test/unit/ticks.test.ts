import { describe, expect, it } from 'vitest';
import { ticksFor } from '../../src/chat/ticks';

const receipt = (status: 'SENT' | 'DELIVERED' | 'READ', readCount = 0, recipientCount = 1) => ({
  status,
  deliveredCount: status === 'SENT' ? 0 : recipientCount,
  readCount,
  recipientCount,
});

describe('ticks on own messages', () => {
  it('follows a message from the outbox to read in a direct chat', () => {
    expect(ticksFor('pending', null, false)?.state).toBe('pending');
    expect(ticksFor('failed', null, false)?.label).toBe('Not sent');
    expect(ticksFor('sent', receipt('SENT'), false)).toEqual({ state: 'sent', label: 'Sent', readBy: null });
    expect(ticksFor('sent', receipt('DELIVERED'), false)?.state).toBe('delivered');
    expect(ticksFor('sent', receipt('READ', 1), false)).toEqual({ state: 'read', label: 'Read', readBy: null });
  });

  it('says how many read it in a group until everyone has', () => {
    expect(ticksFor('sent', receipt('DELIVERED', 0, 3), true)?.readBy).toBeNull();
    expect(ticksFor('sent', receipt('DELIVERED', 2, 3), true)).toEqual({
      state: 'delivered',
      label: 'Delivered, read by 2 of 3',
      readBy: 'Read by 2',
    });
    expect(ticksFor('sent', receipt('SENT', 1, 3), true)?.readBy).toBe('Read by 1');
    expect(ticksFor('sent', receipt('READ', 3, 3), true)).toEqual({
      state: 'read',
      label: 'Read by everyone',
      readBy: null,
    });
  });

  it('shows one tick for an own message that has no receipt yet', () => {
    expect(ticksFor('sent', null, true)?.state).toBe('sent');
  });
});
