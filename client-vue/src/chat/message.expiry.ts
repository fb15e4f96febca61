import { computed, onScopeDispose, ref, toValue, watch, type ComputedRef, type MaybeRefOrGetter } from 'vue';

const DAY_MS = 86_400_000;
/** Retention is counted in days, and the server deletes hourly: a minute is close enough for the screen. */
export const EXPIRY_CHECK_MS = 60_000;

/** What decides whether a message has expired: when it was sent, and when its thread last had a reply. */
export interface Expiring {
  createdAt: string;
  thread?: { lastReplyAt: string | null } | null;
}

/**
 * Whether the server's retention run deletes `message` once it runs at `now`: it is older than the retention,
 * unless it starts a thread whose newest reply is not (the server keeps such a first message, see
 * `expiringMessages` in core). `days` null: kept for good.
 */
export function isExpired(message: Expiring, days: number | null, now: number): boolean {
  if (days === null) return false;
  const cutoff = now - days * DAY_MS;
  const lastReply = message.thread?.lastReplyAt;
  return Date.parse(message.createdAt) < cutoff && !(lastReply && Date.parse(lastReply) >= cutoff);
}

/** The messages not yet expired at `now`; the same array when none has, so nothing downstream re-renders. */
export function unexpired<T extends Expiring>(messages: readonly T[], days: number | null, now: number): readonly T[] {
  if (days === null) return messages;
  const kept = messages.filter((m) => !isExpired(m, days, now));
  return kept.length === messages.length ? messages : kept;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * `messages` without those past the conversation's retention (`days`), dropped as they expire while the view
 * stays open instead of at the server's next hourly run or a reload. Looked at again once a minute while a
 * retention applies, and at once when it changes; the timer goes with the calling component (effect scope).
 */
export function useUnexpired<T extends Expiring>(
  messages: MaybeRefOrGetter<readonly T[]>,
  days: MaybeRefOrGetter<number | null>,
): ComputedRef<readonly T[]> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  watch(
    () => toValue(days),
    (current) => {
      clearInterval(timer);
      timer = undefined;
      // A shorter retention applies at once, not a minute later: the clock may be up to a minute behind.
      now.value = Date.now();
      if (current !== null) timer = setInterval(() => (now.value = Date.now()), EXPIRY_CHECK_MS);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearInterval(timer));
  // A new array only when the list changed: each tick would otherwise re-render the list and re-run its watchers.
  return computed((previous?: readonly T[]) => {
    const list = unexpired(toValue(messages), toValue(days), now.value);
    return previous && sameItems(previous, list) ? previous : list;
  });
}
