import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDomain, type TestDomain } from '../../test/test-domain';

describe('forward service', () => {
  let d: TestDomain;
  let a: string;
  let source: string;
  let target: string;
  beforeEach(async () => {
    d = createTestDomain();
    a = await d.user('a');
    const b = await d.user('b');
    source = (await d.conversations.createGroup(a, { title: 'Source', memberIds: [b] })).id;
    target = (await d.conversations.openDirect(a, b)).id;
  });
  afterEach(() => d.dispose());

  it('returns the earlier copy when forwarding again, also after the source was edited or the copy deleted', async () => {
    const original = await d.messages.send(a, { conversationId: source, clientMessageId: 'k1', text: 'first' });
    const [copy] = await d.forwards.forward(a, original.id, [target]);
    await d.messageEdits.edit(a, original.id, 'first, edited');
    expect((await d.forwards.forward(a, original.id, [target]))[0]).toMatchObject({ id: copy!.id, text: 'first' });
    await d.messageEdits.delete(a, copy!.id, true);
    expect((await d.forwards.forward(a, original.id, [target]))[0]).toMatchObject({ id: copy!.id, text: null });
    // One copy, then its deletion: nothing else was written.
    expect((await d.storedEvents(target)).map((e) => e.type)).toEqual(['MessageAdded', 'MessageUpdated']);
  });
});
