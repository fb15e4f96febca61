import { reactive, readonly } from 'vue';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'reconnecting';

/**
 * How live updates reach the app: WebSocket, Server-Sent Events, or long-polling (which carries only
 * conversation events: no presence, no typing).
 */
export type TransportMode = 'ws' | 'sse' | 'poll';

const state = reactive<{ status: ConnectionStatus; everConnected: boolean; mode: TransportMode }>({
  status: typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'connecting',
  everConnected: false,
  mode: 'ws',
});

export const connection = readonly(state);

export function markConnected(): void {
  state.status = 'online';
  state.everConnected = true;
}

export function markDisconnected(): void {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) state.status = 'offline';
  else state.status = state.everConnected ? 'reconnecting' : 'connecting';
}

export function markOffline(): void {
  state.status = 'offline';
}

export function markMode(mode: TransportMode): void {
  state.mode = mode;
}

export const connectionLabel: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  online: 'Connected',
  offline: 'Offline',
  reconnecting: 'Reconnecting…',
};

/** What a connected app says about a transport other than WebSocket; nothing on WebSocket. */
export const modeLabel: Record<TransportMode, string | null> = {
  ws: null,
  sse: 'Connected (compatibility mode: SSE)',
  poll: 'Connected (slow mode: long-polling) — typing and presence paused',
};

/** The banner's text, or null when there is nothing to say (connected over WebSocket). */
export function connectionText(): string | null {
  return state.status === 'online' ? modeLabel[state.mode] : connectionLabel[state.status];
}
