import { reactive, readonly } from 'vue';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'reconnecting';

const state = reactive<{ status: ConnectionStatus; everConnected: boolean }>({
  status: typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'connecting',
  everConnected: false,
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

export const connectionLabel: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  online: 'Connected',
  offline: 'Offline',
  reconnecting: 'Reconnecting…',
};
