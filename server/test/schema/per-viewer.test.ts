import {
  execute,
  getNamedType,
  isObjectType,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@parley/core';
import { createTestDomain, type TestDomain } from '@parley/core/testing';
import { buildParleySchema, createLoaders, type Context } from '@parley/resolvers';
import { perViewerFields } from '@parley/schema';
import { createLocalBlobStore } from '../../src/adapters/blobs/local-blob.store';
import { createMediaInspector } from '../../src/adapters/media/media.inspector';
import { createSharedSubscribe } from '../../src/transport/execution/shared-execution';
import { guardViewerReads, sharedContext } from '../../src/transport/execution/viewer-guard';
import { selectEverything, typesReachableFromSubscriptions } from './selection';

// Walks the real schema with real events: every field that reads the viewer must be marked
// @PerViewer(), every mark must be needed, and a shared execution never hands one viewer's data to another.
describe('per-viewer fields', () => {
  let d: TestDomain;
  let users: { ana: string; ben: string; cy: string; dee: string };
  let groupId: string;
  let events: ConversationEvent[];
  const context = (userId: string): Context => ({
    viewer: { userId, sessionId: userId },
    services: d,
    loaders: createLoaders(
      { users: d.userStore, conversations: d.store, receipts: d.receipts, blocks: d.blocks },
      false,
    ),
  });

  let blobDir: string;
  beforeAll(async () => {
    blobDir = await mkdtemp(path.join(tmpdir(), 'parley-per-viewer-'));
    const blobs = createLocalBlobStore({ dir: blobDir, secret: 's', baseUrl: '' });
    d = createTestDomain({ files: { blobs, media: createMediaInspector(blobs) } });
    users = { ana: await d.user('ana'), ben: await d.user('ben'), cy: await d.user('cy'), dee: await d.user('dee') };
    const { ana, ben, cy, dee } = users;
    groupId = (await d.conversations.createGroup(ana, { title: 'Team', memberIds: [ben, cy] })).id;
    const first = await d.messages.send(ana, { conversationId: groupId, clientMessageId: 'm1', text: 'hello @ben' });
    const reply = await d.messages.send(ben, {
      conversationId: groupId,
      clientMessageId: 'm2',
      text: 'hi',
      replyToId: first.id,
    });
    await d.messages.send(ben, {
      conversationId: groupId,
      clientMessageId: 't1',
      text: 'in a thread',
      threadRootId: first.id,
    });
    await d.messages.send(ana, {
      conversationId: groupId,
      clientMessageId: 'm4',
      text: '**and you?**',
      format: 'MARKDOWN',
    });
    const upload = await d.attachments!.createUpload(ana, {
      filename: 'a.txt',
      contentType: 'text/plain',
      byteSize: 2,
    });
    await blobs.put(`uploads/${upload.id}`, Buffer.from('hi'), 'text/plain');
    await d.messages.send(ana, { conversationId: groupId, clientMessageId: 'f1', text: '', uploadIds: [upload.id] });
    await d.messages.send(ben, {
      conversationId: groupId,
      clientMessageId: 'l1',
      text: '',
      location: { latitude: 1.5, longitude: 2.5, label: 'here' },
    });
    await d.reactions.add(ben, first.id, '👍');
    await d.reactions.add(cy, first.id, '🎉');
    await d.messageEdits.edit(ana, first.id, 'hello @ben and @cy');
    // Ben shares no reads: what others see of his markers depends on who asks.
    await d.presence.updatePrivacy(ben, 'EVERYONE', 'EVERYONE', false);
    await d.receipts.markRead(ben, groupId, first.seq);
    await d.announceReceipts(groupId);
    await d.conversations.addMembers(ana, groupId, [dee]);
    await d.conversations.update(ana, { conversationId: groupId, title: 'Team 2', description: 'About' });
    await d.conversations.setRole(ana, groupId, ben, 'ADMIN');
    await d.messageEdits.delete(ben, reply.id, true);
    await d.conversations.removeMember(ana, groupId, cy);
    const dm = await d.conversations.openDirect(ana, ben);
    await d.messages.send(ben, { conversationId: dm.id, clientMessageId: 'm3', text: 'psst' });
    await d.forwards.forward(ana, first.id, [dm.id]);
    events = [...(await d.storedEvents(groupId)), ...(await d.storedEvents(dm.id))];
  });
  afterAll(async () => {
    await d.dispose();
    await rm(blobDir, { recursive: true, force: true });
  });

  /** Executes "everything" for every kind of subscription payload we can produce. */
  async function executeAll(schema: GraphQLSchema, contextValue: object): Promise<ExecutionResult[]> {
    const everything = (root: string, args: string) => {
      const type = schema.getSubscriptionType()!.getFields()[root]!.type;
      return parse(`subscription { ${root}${args} ${selectEverything(schema, unwrap(type), 5)} }`);
    };
    const run = (document: ReturnType<typeof parse>, rootValue: unknown) =>
      execute({ schema, document, rootValue, contextValue } as ExecutionArgs) as Promise<ExecutionResult>;
    const conversation = everything('conversationEvents', `(conversationId: "${groupId}")`);
    const presence = everything('presence', `(userIds: ["${users.ben}"])`);
    const typing = everything('typing', `(conversationId: "${groupId}")`);
    const benPresence = (await d.presence.presenceFor(users.ana, [users.ben])).get(users.ben)!;
    const [ben] = await d.userStore.findByIds([users.ben]);
    return Promise.all([
      ...events.map((e) => run(conversation, e)),
      run(presence, { userId: users.ben, presence: benPresence }),
      run(typing, {
        conversationId: groupId,
        users: [{ ...ben!, createdAt: ben!.createdAt.toISOString() }],
        count: 1,
      }),
    ]);
  }

  it('marks exactly the fields whose resolvers read the viewer, and every such field is exercised', async () => {
    const schema = await buildParleySchema();
    const reads = new Set<string>();
    const called = new Set<string>();
    const reachable = typesReachableFromSubscriptions(schema);
    const coordinates: string[] = [];
    for (const name of reachable) {
      const type = schema.getType(name);
      if (!isObjectType(type) || type === schema.getSubscriptionType()) continue;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        coordinates.push(coordinate);
        const resolve: GraphQLFieldResolver<unknown, object> =
          field.resolve ?? ((source) => (source as Record<string, unknown>)[field.name]);
        field.resolve = (source, args, ctx: object, info) => {
          called.add(coordinate);
          const recording = Object.create(ctx, {
            viewer: {
              get: () => {
                reads.add(coordinate);
                return (ctx as Context).viewer;
              },
            },
          }) as object;
          return resolve(source, args, recording, info);
        };
      }
    }
    const results = await executeAll(schema, context(users.ana));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(coordinates.filter((c) => !called.has(c))).toEqual([]);
    expect([...reads].sort()).toEqual([...perViewerFields(schema)].filter((c) => coordinates.includes(c)).sort());
  });

  it('fails no field in a shared execution: nothing unmarked reads the viewer', async () => {
    const schema = guardViewerReads(await buildParleySchema());
    // Without the per-viewer fields, as an operation without them is executed shared.
    const root = schema.getSubscriptionType()!.getFields()['conversationEvents']!.type;
    const selection = selectEverything(schema, unwrap(root), 5, perViewerFields(schema));
    const unmarked = `subscription { conversationEvents(conversationId: "${groupId}") ${selection} }`;
    for (const e of events) {
      const r = (await execute({
        schema,
        document: parse(unmarked),
        rootValue: e,
        contextValue: sharedContext(context(users.ana)),
      })) as ExecutionResult;
      expect(r.errors ?? []).toEqual([]);
    }
  });

  it('gives two viewers of one document their own values', async () => {
    const schema = guardViewerReads(await buildParleySchema());
    const subscribe = createSharedSubscribe(schema);
    const document = parse(`subscription ($id: ID!) { conversationEvents(conversationId: $id) {
      seq ... on ConversationUpdated { conversation { title unreadCount myMembership { role } } } } }`);
    const streams = await Promise.all(
      [users.ana, users.ben].map(
        async (u) =>
          (await subscribe({
            schema,
            document,
            variableValues: { id: groupId },
            contextValue: context(u),
          })) as AsyncIterableIterator<ExecutionResult>,
      ),
    );
    await d.conversations.update(users.ben, { conversationId: groupId, title: 'Renamed' });
    const [forAna, forBen] = (await Promise.all(streams.map((s) => s.next()))) as [
      IteratorResult<ExecutionResult>,
      IteratorResult<ExecutionResult>,
    ];
    await Promise.all(streams.map((s) => s.return?.()));
    expect(forAna.value).toMatchObject({
      data: { conversationEvents: { conversation: { title: 'Renamed', myMembership: { role: 'OWNER' } } } },
    });
    expect(forBen.value).toMatchObject({
      data: { conversationEvents: { conversation: { title: 'Renamed', myMembership: { role: 'ADMIN' } } } },
    });
    const unread = (r: IteratorResult<ExecutionResult>) =>
      (r.value as ExecutionResult<{ conversationEvents: { conversation: { unreadCount: number } } }>).data
        ?.conversationEvents.conversation.unreadCount;
    expect(unread(forAna)).not.toBe(unread(forBen));
  });
});

const unwrap = (type: GraphQLOutputType) => getNamedType(type);
