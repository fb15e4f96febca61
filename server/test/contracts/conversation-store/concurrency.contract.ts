import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { snapshot, type ContractHelpers } from './fixture';

/** Writes to one conversation that overlap: each stands or falls on its own. */
export function concurrencyContract(h: ContractHelpers): void {
  const { users, newConversation, addMessage, get } = h;

  it('lets concurrent writes stand when others among them fail after writing, and keeps seqs gap-free', async () => {
    const [a, b, c] = await users(3);
    const conv = await newConversation([a!, b!]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        h.store().write(conv.id, async (tx) => {
          const m = await addMessage(tx, a!);
          if (i % 3 === 1) {
            await tx.addMember(c!, 'ADMIN', snapshot(c!));
            await tx.updateConversation({ title: `failed ${i}` });
            throw new Error(`write ${i} fails`);
          }
          return m.seq;
        }),
      ),
    );
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed.map((o) => String((o as PromiseRejectedResult).reason.message)).sort()).toEqual(
      Array.from({ length: 10 }, (_, k) => `write ${3 * k + 1} fails`).sort(),
    );
    const seqs = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value!.result] : []));
    const oneTo20 = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(seqs).toEqual(oneTo20);
    expect((await h.store().eventsAfter(conv.id, 0, 100)).map((e) => e.seq)).toEqual(oneTo20);
    expect((await h.store().history(conv.id, { limit: 100 })).messages.map((m) => m.seq)).toEqual(oneTo20);
    expect(await get(conv.id)).toMatchObject({ lastSeq: 20, title: 'Group', memberCount: 2 });
    // The next write continues from there.
    const next = await h.store().write(conv.id, (tx) => addMessage(tx, b!));
    expect(next!.result.seq).toBe(21);
  });
  // An adapter may read the writer's membership with the lock (`actorId`); what a write reads must
  // still be the membership at that point of the write, also after it or a write before it changed it.
  it("reads the writer's membership as it is at that point of the write", async () => {
    const [a, b, c] = await users(3);
    const conv = await newConversation([a!, b!]);
    const own = await h.store().write(
      conv.id,
      async (tx) => {
        const before = await tx.getMember(b!);
        await tx.deleteMember(b!);
        return [before?.role, await tx.getMember(b!)];
      },
      b!,
    );
    expect(own!.result).toEqual(['MEMBER', null]);
    const joined = await h.store().write(
      conv.id,
      async (tx) => {
        const before = await tx.getMember(c!);
        await tx.addMember(c!, 'MEMBER', snapshot(c!));
        return [before, (await tx.getMember(c!))?.role];
      },
      c!,
    );
    expect(joined!.result).toEqual([null, 'MEMBER']);
    expect((await h.store().write(conv.id, (tx) => tx.getMember(randomUUID()), randomUUID()))!.result).toBeNull();
    // Writes that overlap (one transaction or several): the second sees the first's removal.
    const [removal, after] = await Promise.all([
      h.store().write(conv.id, (tx) => tx.deleteMember(c!), a!),
      h.store().write(conv.id, (tx) => tx.getMember(c!), c!),
    ]);
    expect(removal).not.toBeNull();
    expect(after!.result).toBeNull();
  });
}
