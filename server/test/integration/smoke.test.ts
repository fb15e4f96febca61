import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql, record, wsClient } from '../support/client';
import { signUp } from '../support/users';

describe('messaging smoke (PGlite)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(() => app?.stop());

  it('sends a message in a direct chat and delivers it live over WebSocket', async () => {
    const alice = await signUp(app.url, 'alice');
    const bob = await signUp(app.url, 'bob');
    const open = await gql(
      app.url,
      `mutation($u: ID!) { openDirectConversation(userId: $u) { id kind lastSeq } }`,
      { u: bob.id },
      alice.token,
    );
    const conv = open.data?.['openDirectConversation'];
    expect(conv.kind).toBe('DIRECT');
    const client = wsClient(app.url, bob.token);
    const sub = record(
      client,
      `subscription($c: ID!) { conversationEvents(conversationId: $c, afterSeq: 0) { seq conversationId ... on MessageAdded { message { text sender { username } } } } }`,
      { c: conv.id },
      'conversationEvents',
    );
    const sent = await gql(
      app.url,
      `mutation($c: ID!) { sendMessage(input: { conversationId: $c, clientMessageId: "m1", text: "hi bob" }) { id seq text } }`,
      { c: conv.id },
      alice.token,
    );
    expect(sent.data?.['sendMessage'].seq).toBe(1);
    const [ev] = await sub.waitFor(1);
    expect(ev).toMatchObject({ seq: 1, message: { text: 'hi bob', sender: { username: alice.username } } });
    const again = await gql(
      app.url,
      `mutation($c: ID!) { sendMessage(input: { conversationId: $c, clientMessageId: "m1", text: "hi bob" }) { id seq } }`,
      { c: conv.id },
      alice.token,
    );
    expect(again.data?.['sendMessage'].id).toBe(sent.data?.['sendMessage'].id);
    const stranger = await signUp(app.url, 'eve');
    const denied = await gql(
      app.url,
      `query($c: ID!) { messages(conversationId: $c) { messages { id } } }`,
      { c: conv.id },
      stranger.token,
    );
    expect(codeOf(denied)).toBe('NOT_FOUND');
    sub.stop();
    await client.dispose();
  });
});
