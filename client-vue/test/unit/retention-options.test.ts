import { describe, expect, it } from 'vitest';
import { deletesMore, describeRetention, retentionChoices } from '../../src/chat/retention.options';

describe('group retention', () => {
  it('offers the server default and the usual periods, plus a period set elsewhere', () => {
    expect(retentionChoices(null).map((c) => c.label)).toEqual([
      'Server default',
      '1 day',
      '7 days',
      '30 days',
      '90 days',
      '365 days',
    ]);
    expect(retentionChoices(14).map((c) => c.key)).toEqual(['default', '1', '7', '14', '30', '90', '365']);
  });

  it('tells members how long messages stay, and why when it is not the group’s own setting', () => {
    expect(describeRetention(null, null)).toEqual({ text: 'Messages are kept until someone deletes them.', note: '' });
    expect(describeRetention(null, 90)).toEqual({
      text: 'Messages are deleted 90 days after they are sent.',
      note: 'This is the server’s default.',
    });
    expect(describeRetention(30, 30).note).toBe('');
    expect(describeRetention(365, 90).note).toBe('The group is set to 365 days; the server’s shorter limit applies.');
    expect(describeRetention(1, 1).text).toBe('Messages are deleted 1 day after they are sent.');
  });

  it('warns only when the change deletes messages kept now', () => {
    expect(deletesMore(null, 7)).toBe(true);
    expect(deletesMore(30, 7)).toBe(true);
    expect(deletesMore(7, 30)).toBe(false);
    expect(deletesMore(7, null)).toBe(false);
  });
});
