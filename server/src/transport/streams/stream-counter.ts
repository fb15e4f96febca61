/** Open sockets or streams per user on this node, refusing one over `max`. */
export function createStreamCounter(max: number) {
  const open = new Map<string, number>();
  return {
    /** Counts a new connection of `userId`; false (and not counted) when the user has `max` already. */
    tryOpen(userId: string): boolean {
      const n = open.get(userId) ?? 0;
      if (n >= max) return false;
      open.set(userId, n + 1);
      return true;
    },
    /** Connections open on this node. */
    total(): number {
      let n = 0;
      for (const c of open.values()) n += c;
      return n;
    },
    close(userId: string): void {
      const left = (open.get(userId) ?? 1) - 1;
      if (left > 0) open.set(userId, left);
      else open.delete(userId);
    },
  };
}
