import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import ConnectionBanner from '../../src/components/ConnectionBanner.vue';
import {
  markConnected,
  markDisconnected,
  markMode,
  markOffline,
  type TransportMode,
} from '../../src/connection/connection.store';

async function bannerFor(mode: TransportMode, connected: boolean) {
  markMode(mode);
  if (connected) markConnected();
  else markDisconnected();
  const wrapper = mount(ConnectionBanner);
  await nextTick();
  return wrapper;
}

describe('connection banner', () => {
  it('says nothing while connected over WebSocket, yet stays a polite live region', async () => {
    const banner = await bannerFor('ws', true);
    expect(banner.text()).toBe('');
    expect(banner.attributes('role')).toBe('status');
    expect(banner.attributes('aria-live')).toBe('polite');
  });

  it('names the transport calmly when connected over SSE or long-polling', async () => {
    expect((await bannerFor('sse', true)).text()).toBe('Connected (compatibility mode: SSE)');
    const polling = await bannerFor('poll', true);
    expect(polling.text()).toBe('Connected (slow mode: long-polling) — typing and presence paused');
    expect(polling.classes()).toContain('connection--degraded');
  });

  it('says offline or reconnecting whatever the transport', async () => {
    expect((await bannerFor('poll', false)).text()).toBe('Reconnecting…');
    markOffline();
    const banner = mount(ConnectionBanner);
    await nextTick();
    expect(banner.text()).toBe('Offline');
    expect(banner.classes()).not.toContain('connection--degraded');
  });
});
