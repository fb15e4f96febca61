import { afterAll, beforeAll, describe } from 'vitest';
import { concurrencyContract } from './conversation-store/concurrency.contract';
import { createAndWriteContract } from './conversation-store/create-and-write.contract';
import { contractHelpers, type ConversationStoreFixture } from './conversation-store/fixture';
import { messagesContract } from './conversation-store/messages.contract';
import { readsContract } from './conversation-store/reads.contract';
import { retentionContract } from './conversation-store/retention.contract';

export type { ConversationStoreFixture } from './conversation-store/fixture';

/**
 * The behaviour every `ConversationStore` adapter must have, so the domain can rely on it
 * whichever storage a node runs on.
 */
export function defineConversationStoreContract(name: string, factory: () => Promise<ConversationStoreFixture>): void {
  describe(`ConversationStore contract: ${name}`, () => {
    let f: ConversationStoreFixture | undefined;
    beforeAll(async () => {
      f = await factory();
    });
    afterAll(() => f?.dispose());
    const h = contractHelpers(() => f!);
    createAndWriteContract(h);
    concurrencyContract(h);
    messagesContract(h);
    readsContract(h);
    retentionContract(h);
  });
}
