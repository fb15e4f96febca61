import type { BlockEntry, BlockStore } from '../ports/block.store';

/** {@link BlockStore} in process memory. */
export function createMemoryBlockStore(): BlockStore {
  // blocker -> blocked -> since; a Map keeps insertion order, so the newest is last.
  const blocks = new Map<string, Map<string, Date>>();
  const of = (blockerId: string) => blocks.get(blockerId) ?? new Map<string, Date>();
  return {
    async block(blockerId, blockedId, at) {
      const mine = of(blockerId);
      if (mine.has(blockedId)) return false;
      mine.set(blockedId, at);
      blocks.set(blockerId, mine);
      return true;
    },
    async unblock(blockerId, blockedId) {
      return blocks.get(blockerId)?.delete(blockedId) ?? false;
    },
    async listBlocked(blockerId) {
      const out: BlockEntry[] = [...of(blockerId)].map(([userId, at]) => ({ userId, blockedAt: new Date(at) }));
      return out.sort((a, b) => b.blockedAt.getTime() - a.blockedAt.getTime() || (a.userId < b.userId ? -1 : 1));
    },
    async blockedAmong(blockerId, userIds) {
      const mine = of(blockerId);
      return new Set(userIds.filter((id) => mine.has(id)));
    },
    async blockersOf(blockedId) {
      return new Set([...blocks].filter(([, mine]) => mine.has(blockedId)).map(([blocker]) => blocker));
    },
    async counterparts(userId) {
      const blockers = [...blocks].filter(([, mine]) => mine.has(userId)).map(([blocker]) => blocker);
      return new Set([...blockers, ...of(userId).keys()]);
    },
  };
}
