/** One user someone blocks, and since when. */
export interface BlockEntry {
  userId: string;
  blockedAt: Date;
}

/** Persistence of blocks: who blocks whom. A block has a direction; both may block each other. */
export interface BlockStore {
  /** Records that `blockerId` blocks `blockedId`; false when it already did (the first time is kept). */
  block(blockerId: string, blockedId: string, at: Date): Promise<boolean>;
  /** Ends the block; false when there was none. */
  unblock(blockerId: string, blockedId: string): Promise<boolean>;
  /** The users `blockerId` blocks, newest block first. */
  listBlocked(blockerId: string): Promise<BlockEntry[]>;
  /** Which of `userIds` `blockerId` blocks (one query). */
  blockedAmong(blockerId: string, userIds: readonly string[]): Promise<Set<string>>;
  /** Everyone who blocks `blockedId` (one query). */
  blockersOf(blockedId: string): Promise<Set<string>>;
  /** Everyone who blocks `userId` or whom `userId` blocks (one query); empty for nearly everyone. */
  counterparts(userId: string): Promise<Set<string>>;
}
