/** A block starting or ending, as published on the blocked user's `blocks` channel. */
export interface BlockNotice {
  blockerId: string;
  blockedId: string;
  /** True when the block starts, false when it ends. */
  blocked: boolean;
}

/**
 * What a blocked user is told when refused a DM with their blocker. Every refusal to message a user
 * must use these words, so a block cannot be told apart from any other reason.
 */
export const CANNOT_MESSAGE_USER = 'You cannot message this user';

/** What the blocker is told when they try to message someone they block. */
export const UNBLOCK_TO_MESSAGE = 'You blocked this user; unblock them to send messages';
