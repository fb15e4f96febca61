import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import PresenceAvatar from '../../src/components/PresenceAvatar.vue';
import { formatLastSeen, presenceLine } from '../../src/presence/presence.format';

const now = new Date(2026, 2, 10, 15, 30, 0);
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('formatLastSeen', () => {
  it('says just now, then minutes', () => {
    expect(formatLastSeen(ago(20_000), now)).toBe('last seen just now');
    expect(formatLastSeen(ago(60_000), now)).toBe('last seen 1 minute ago');
    expect(formatLastSeen(ago(45 * 60_000), now)).toBe('last seen 45 minutes ago');
  });

  it('gives the time today and yesterday, the date before that', () => {
    const today = new Date(2026, 2, 10, 9, 5).toISOString();
    expect(formatLastSeen(today, now)).toMatch(/^last seen today at .*09.*05/);
    const yesterday = new Date(2026, 2, 9, 22, 40).toISOString();
    expect(formatLastSeen(yesterday, now)).toMatch(/^last seen yesterday at /);
    const earlier = new Date(2026, 1, 3, 12, 0).toISOString();
    expect(formatLastSeen(earlier, now)).toMatch(/^last seen on /);
    expect(formatLastSeen(earlier, now)).not.toMatch(/2026/);
    expect(formatLastSeen(new Date(2025, 1, 3).toISOString(), now)).toMatch(/2025/);
  });
});

describe('presenceLine', () => {
  it('shows the status with its text while around', () => {
    expect(presenceLine({ status: 'ONLINE', lastSeenAt: null, statusText: null }, now)).toBe('Online');
    expect(presenceLine({ status: 'BUSY', lastSeenAt: null, statusText: 'In a meeting' }, now)).toBe(
      'Busy · In a meeting',
    );
    expect(presenceLine({ status: 'AWAY' }, now)).toBe('Away');
  });

  it('shows last seen only when offline and visible', () => {
    expect(presenceLine({ status: 'OFFLINE', lastSeenAt: ago(5 * 60_000) }, now)).toBe('last seen 5 minutes ago');
    expect(presenceLine({ status: 'OFFLINE', lastSeenAt: null }, now)).toBe('');
    expect(presenceLine(null, now)).toBe('');
  });
});

describe('PresenceAvatar', () => {
  it('labels the dot with the status for assistive technology', () => {
    const wrapper = mount(PresenceAvatar, { props: { name: 'Ada Lovelace', seed: 'u1', status: 'ONLINE' } });
    const dot = wrapper.get('[data-testid=presence-dot]');
    expect(dot.attributes('role')).toBe('img');
    expect(dot.attributes('aria-label')).toBe('Online');
  });

  it('labels every status and shows no dot when unknown', async () => {
    const wrapper = mount(PresenceAvatar, { props: { name: 'Ada', seed: 'u1', status: 'AWAY' } });
    expect(wrapper.get('[data-testid=presence-dot]').attributes('aria-label')).toBe('Away');
    await wrapper.setProps({ status: 'BUSY' });
    expect(wrapper.get('[data-testid=presence-dot]').attributes('aria-label')).toBe('Busy');
    await wrapper.setProps({ status: 'OFFLINE' });
    expect(wrapper.get('[data-testid=presence-dot]').attributes('aria-label')).toBe('Offline');
    await wrapper.setProps({ status: null });
    expect(wrapper.find('[data-testid=presence-dot]').exists()).toBe(false);
  });
});
