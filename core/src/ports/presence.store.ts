import type { ChosenStatus } from '../presence/presence.model';

/** One WebSocket connection of one user; `connectionId` is unique across nodes. */
export interface ConnectionRef {
  userId: string;
  connectionId: string;
}

/** The live presence state of one user, shared by every node. */
export interface PresenceRecord {
  /** Live connections on all nodes. */
  connections: number;
  chosenStatus: ChosenStatus | null;
  statusText: string | null;
  /** Epoch ms of the last activity reported by any node, or null. */
  lastActiveAt: number | null;
  /** Epoch ms when the last connection went, or null. */
  lastSeenAt: number | null;
}

/**
 * Live presence shared across nodes: connections with heartbeat expiry times, so the connections
 * of a node that dies stop counting once they expire and a sweep (run by any node) removes them.
 * Times are passed in by the caller (epoch ms), so every adapter behaves alike under test.
 */
export interface PresenceStore {
  /** Records a live connection until `expiresAt`, marks the user active at `now`, seeds the chosen status. */
  connect(
    c: ConnectionRef,
    now: number,
    expiresAt: number,
    seed: { chosenStatus: ChosenStatus | null; statusText: string | null },
  ): Promise<void>;
  /** Removes a connection; true when it was the user's last one (lastSeenAt is then `now`). */
  disconnect(c: ConnectionRef, now: number): Promise<boolean>;
  /**
   * Extends every given connection to `expiresAt` and records activity, in one round trip.
   * Connections a sweep already removed are restored.
   */
  refresh(
    connections: readonly ConnectionRef[],
    expiresAt: number,
    active: readonly { userId: string; at: number }[],
  ): Promise<void>;
  /** Removes connections whose expiry is at or before `now`; returns users left with none (each once, across nodes). */
  sweep(now: number): Promise<string[]>;
  /** Records of `userIds` (users without any state are left out). */
  get(userIds: readonly string[]): Promise<Map<string, PresenceRecord>>;
  setChosenStatus(userId: string, status: ChosenStatus | null, statusText: string | null): Promise<void>;
  /**
   * Stores `signature` as the user's last published state; true when it differs from the stored
   * one, so that of several nodes noticing one change exactly one publishes it.
   */
  swapPublished(userId: string, signature: string): Promise<boolean>;
  /**
   * Records that a client (a tab or app) of the user is in the foreground until `expiresAt`, viewing
   * `conversationId` (null: another screen); `focus` null: it went to the background.
   */
  setFocus(
    userId: string,
    clientId: string,
    focus: { conversationId: string | null; expiresAt: number } | null,
  ): Promise<void>;
  /** Users among `userIds` with a client in the foreground at `now`, with the conversations those clients view. */
  focused(userIds: readonly string[], now: number): Promise<Map<string, (string | null)[]>>;
  dispose(): Promise<void>;
}
