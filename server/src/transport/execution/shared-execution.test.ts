import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { PushStream } from '@parley/core';
import { createSharedSubscribe, type Delivery } from './shared-execution';
import { guardViewerReads } from './viewer-guard';

// A tiny schema in the shape of ours: Conversation.unreadCount depends on the viewer and is marked so,
// title does not, and leak forgets its mark.
function setup(pull = false) {
  let resolved = 0;
  const sources: PushStream<object>[] = [];
  const Conversation = new GraphQLObjectType({
    name: 'Conversation',
    fields: {
      title: { type: GraphQLString, resolve: (e: { title: string }) => (resolved++, e.title) },
      later: {
        type: GraphQLString,
        resolve: async (e: { title: string; delayMs?: number }) => {
          await new Promise((r) => setTimeout(r, e.delayMs ?? 0));
          return e.title;
        },
      },
      unreadCount: {
        type: GraphQLInt,
        extensions: { perViewer: true },
        resolve: (_e, _a, ctx: { viewer: { userId: string } }) => ctx.viewer.userId.length,
      },
      leak: {
        type: GraphQLString,
        resolve: (_e, _a, ctx: { viewer: { userId: string } }) => ctx.viewer.userId,
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        events: {
          type: Conversation,
          subscribe: () => {
            const s = new PushStream<object>();
            sources.push(s);
            // A generator hides `pipe`: the source is pulled like any async iterable.
            return pull
              ? (async function* () {
                  yield* s;
                })()
              : s;
          },
          resolve: (e: object) => e,
        },
      },
    }),
  });
  return { schema: guardViewerReads(schema), sources, resolvedCount: () => resolved };
}

async function subscribeTwice(query: string) {
  const { schema, sources, resolvedCount } = setup();
  const subscribe = createSharedSubscribe(schema);
  const document = parse(query);
  const streams = await Promise.all(
    ['alice', 'bob'].map(
      async (userId) =>
        (await subscribe({
          schema,
          document,
          contextValue: { viewer: { userId } },
        })) as AsyncIterableIterator<ExecutionResult>,
    ),
  );
  const event = { title: 'hello' };
  for (const s of sources) s.push(event);
  const results = await Promise.all(streams.map((s) => s.next()));
  return { results: results.map((r) => r.value), resolvedCount };
}

describe('shared subscription execution', () => {
  it('executes an event once for every subscriber with the same operation', async () => {
    const { results, resolvedCount } = await subscribeTwice('subscription { events { title } }');
    expect(results).toEqual([{ data: { events: { title: 'hello' } } }, { data: { events: { title: 'hello' } } }]);
    expect(resolvedCount()).toBe(1);
  });

  it('executes per viewer when the operation selects a viewer-dependent field', async () => {
    const { results, resolvedCount } = await subscribeTwice('subscription { events { title unreadCount } }');
    expect(
      results.map((r) => (r as ExecutionResult<{ events: { unreadCount: number } }>).data?.events.unreadCount),
    ).toEqual([5, 3]);
    expect(resolvedCount()).toBe(2);
  });

  it('fails a field that reads the viewer without its mark, rather than sharing one viewer’s value', async () => {
    const { results } = await subscribeTwice('subscription { events { title leak } }');
    for (const r of results as ExecutionResult<{ events: { title: string; leak: string | null } }>[]) {
      expect(r.data?.events).toEqual({ title: 'hello', leak: null });
      expect(r.errors?.[0]?.message).toMatch(/Conversation\.leak reads the viewer but is not marked @PerViewer/);
    }
  });

  it('writes results straight to a sink in order, per viewer where needed, and nothing after unsubscribing', async () => {
    const { schema, sources } = setup();
    const written = new Map<string, ExecutionResult[]>([
      ['alice', []],
      ['bob', []],
    ]);
    const subscribe = createSharedSubscribe(schema);
    const document = parse('subscription { events { title unreadCount } }');
    const deliveries = await Promise.all(
      ['alice', 'bob'].map(async (userId) => {
        const args = { schema, document, contextValue: { viewer: { userId } } };
        const sink = { write: (r: ExecutionResult) => written.get(userId)!.push(r), end: () => undefined };
        return (await subscribe.into(args, sink)) as Delivery;
      }),
    );
    for (const title of ['one', 'two']) for (const s of sources) s.push({ title });
    await vi.waitFor(() => expect(written.get('bob')).toHaveLength(2));
    expect(written.get('alice')).toEqual([
      { data: { events: { title: 'one', unreadCount: 5 } } },
      { data: { events: { title: 'two', unreadCount: 5 } } },
    ]);
    expect(written.get('bob')?.map((r) => r.data)).toEqual([
      { events: { title: 'one', unreadCount: 3 } },
      { events: { title: 'two', unreadCount: 3 } },
    ]);
    deliveries[0]!.stop();
    sources[0]!.push({ title: 'three' });
    sources[1]!.push({ title: 'three' });
    await vi.waitFor(() => expect(written.get('bob')).toHaveLength(3));
    expect(written.get('alice')).toHaveLength(2);
  });

  it('tells the sink of a write-through subscription when its source ends or fails', async () => {
    const { schema, sources } = setup();
    const subscribe = createSharedSubscribe(schema);
    const args = { schema, document: parse('subscription { events { title } }'), contextValue: {} };
    const ends: unknown[] = [];
    await subscribe.into(args, { write: () => undefined, end: (err) => ends.push(err) });
    await subscribe.into(args, { write: () => undefined, end: (err) => ends.push(err) });
    sources[0]!.fail(new Error('feed lost'));
    sources[1]!.end();
    await vi.waitFor(() => expect(ends).toHaveLength(2));
    expect(ends).toContainEqual(new Error('feed lost'));
    expect(ends).toContain(undefined);
  });

  it.each([
    ['pushed', false],
    ['pulled', true],
  ])('writes results of a %s source in event order when some take longer to compute, then the end', async (_, pull) => {
    const { schema, sources } = setup(pull);
    const subscribe = createSharedSubscribe(schema);
    const args = { schema, document: parse('subscription { events { later } }'), contextValue: {} };
    const seen: unknown[] = [];
    await subscribe.into(args, {
      write: (r) => seen.push((r.data as { events: { later: string } }).events.later),
      end: (err) => seen.push(err ?? 'end'),
    });
    sources[0]!.push({ title: 'slow', delayMs: 30 });
    sources[0]!.push({ title: 'quick' });
    sources[0]!.push({ title: 'slow again', delayMs: 10 });
    sources[0]!.end();
    await vi.waitFor(() => expect(seen).toContain('end'));
    expect(seen).toEqual(['slow', 'quick', 'slow again', 'end']);
  });

  it('shares one runner among the subscribers of an operation and lets it go with the last of them', async () => {
    const { schema, sources } = setup();
    const subscribe = createSharedSubscribe(schema);
    const document = parse('subscription($n: Int) { events { title } }');
    const sink = { write: () => undefined, end: () => undefined };
    const into = (n: number, userId: string) =>
      subscribe.into({ schema, document, variableValues: { n }, contextValue: { viewer: { userId } } }, sink);
    const [a, b, c] = (await Promise.all([into(1, 'alice'), into(1, 'bob'), into(2, 'alice')])) as Delivery[];
    const pulled = (await subscribe({ schema, document, contextValue: {} })) as AsyncIterableIterator<unknown>;
    expect(subscribe.running()).toBe(3);
    a!.stop();
    expect(subscribe.running()).toBe(3);
    b!.stop();
    b!.stop();
    expect(subscribe.running()).toBe(2);
    sources[2]!.end(); // c's source ends: its runner goes although c is never stopped
    await vi.waitFor(() => expect(subscribe.running()).toBe(1));
    c!.stop();
    await pulled.return!();
    expect(subscribe.running()).toBe(0);
  });

  it('executes an asynchronous result once and hands it to every subscriber waiting for it, in order', async () => {
    const { schema, sources } = setup();
    let executions = 0;
    const subscribe = createSharedSubscribe(schema, { onExecute: () => executions++ });
    const document = parse('subscription { events { later } }');
    const seen: string[][] = [[], [], []];
    for (const s of seen) {
      const write = (r: ExecutionResult) => s.push((r.data as { events: { later: string } }).events.later);
      await subscribe.into({ schema, document, contextValue: {} }, { write, end: () => undefined });
    }
    const [slow, quick] = [{ title: 'slow', delayMs: 20 }, { title: 'quick' }];
    for (const source of sources) source.push(slow);
    for (const source of sources) source.push(quick);
    await vi.waitFor(() => expect(seen.every((s) => s.length === 2)).toBe(true));
    expect(seen).toEqual([
      ['slow', 'quick'],
      ['slow', 'quick'],
      ['slow', 'quick'],
    ]);
    expect(executions).toBe(2);
  });
});
