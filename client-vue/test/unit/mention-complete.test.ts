import { describe, expect, it } from 'vitest';
import { applyMention, matchMembers, mentionQuery } from '../../src/chat/mention.complete';

const members = [
  { id: 'u1', username: 'ada', displayName: 'Ada Lovelace' },
  { id: 'u2', username: 'bob', displayName: 'Robert Adams' },
  { id: 'u3', username: 'adam.k', displayName: 'Adam K' },
  { id: 'u4', username: 'cy', displayName: 'Cy' },
];

describe('mention autocomplete', () => {
  it('finds the @word being typed before the caret, not an e-mail address or a finished word', () => {
    expect(mentionQuery('hi @Ad', 6)).toEqual({ start: 3, query: 'ad' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail me at me@ada.com', 21)).toBeNull();
    expect(mentionQuery('@ada hello', 10)).toBeNull();
    // The caret decides: typing in the middle of the text.
    expect(mentionQuery('@bo and more', 3)).toEqual({ start: 0, query: 'bo' });
  });

  it('matches usernames first, then words of display names, never the viewer', () => {
    expect(matchMembers(members, 'ad', 'u1').map((m) => m.username)).toEqual(['adam.k', 'bob']);
    expect(matchMembers(members, 'ad', null).map((m) => m.username)).toEqual(['ada', 'adam.k', 'bob']);
    expect(matchMembers(members, 'zz', null)).toEqual([]);
    expect(matchMembers(members, '', 'u1', 2).map((m) => m.username)).toEqual(['adam.k', 'bob']);
  });

  it('replaces the typed @word with the username and a space, keeping the rest of the text', () => {
    expect(applyMention('hi @bo', 3, 6, 'bob')).toEqual({ text: 'hi @bob ', caret: 8 });
    expect(applyMention('@bo and more', 0, 3, 'bob')).toEqual({ text: '@bob and more', caret: 5 });
  });
});
