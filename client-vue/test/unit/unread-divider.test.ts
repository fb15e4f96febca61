import { describe, expect, it } from 'vitest';
import { buildRows, unreadDividerKey } from '../../src/components/message.rows';
import { message } from './event-log.fixtures';

const mine = (seq: number) => message(seq, `mine ${seq}`, 'u1');
const theirs = (seq: number) => message(seq, `theirs ${seq}`, 'u2');

describe('the "new messages" divider', () => {
  const rows = buildRows(
    [theirs(1), mine(2), theirs(3), { ...theirs(4), deletedAt: '2026-01-01T00:00:00Z' }, theirs(5)],
    [],
    'u1',
    'Me',
  );

  it('goes above the oldest of the unread messages of others, skipping own and deleted ones', () => {
    expect(unreadDividerKey(rows, 1)).toBe('id5');
    expect(unreadDividerKey(rows, 2)).toBe('id3');
    expect(unreadDividerKey(rows, 3)).toBe('id1');
  });

  it('is not shown when nothing is unread, nor when the first unread message is not loaded', () => {
    expect(unreadDividerKey(rows, 0)).toBeNull();
    expect(unreadDividerKey(rows, 4)).toBeNull();
  });
});
