import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { audibleUnread, shouldChime, unreadTitle, useUnreadTitle } from '../../src/chat/unread.title';

describe('tab title', () => {
  it('leads with the unread total, and is the plain name at 0', () => {
    expect(unreadTitle(0)).toBe('Parley');
    expect(unreadTitle(3)).toBe('(3) Parley');
    expect(unreadTitle(1204)).toBe('(1204) Parley');
  });

  it('follows the total across conversations live, and resets when the view goes', async () => {
    const list = ref([{ unreadCount: 2 }, { unreadCount: 0 }]);
    const scope = effectScope();
    scope.run(() => useUnreadTitle(list));
    expect(document.title).toBe('(2) Parley');
    list.value = [{ unreadCount: 2 }, { unreadCount: 5 }];
    await nextTick();
    expect(document.title).toBe('(7) Parley');
    list.value = [{ unreadCount: 0 }, { unreadCount: 0 }];
    await nextTick();
    expect(document.title).toBe('Parley');
    list.value = [{ unreadCount: 1 }];
    await nextTick();
    scope.stop();
    expect(document.title).toBe('Parley');
  });

  it('chimes only for a growing total in a background tab, when the user asked for it', () => {
    expect(shouldChime(1, 2, true, true)).toBe(true);
    expect(shouldChime(1, 2, false, true)).toBe(false);
    expect(shouldChime(1, 2, true, false)).toBe(false);
    expect(shouldChime(3, 2, true, true)).toBe(false);
    expect(shouldChime(2, 2, true, true)).toBe(false);
  });

  it('counts for the sound only what may notify: nothing muted or set to nothing, only mentions where so set', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    expect(
      audibleUnread(
        [
          { unreadCount: 2 },
          { unreadCount: 3, myMembership: { notificationLevel: 'ALL', mutedUntil: '2026-11-30T11:00:00Z' } },
          { unreadCount: 4, myMembership: { notificationLevel: 'ALL', mutedUntil: '2026-11-30T09:00:00Z' } },
          { unreadCount: 5, unreadMentionCount: 1, myMembership: { notificationLevel: 'MENTIONS' } },
          { unreadCount: 6, unreadMentionCount: 6, myMembership: { notificationLevel: 'NONE' } },
        ],
        now,
      ),
    ).toBe(2 + 4 + 1);
  });
});
