// The stack a tutorial builds, for the fan-out benchmark to compare against: Apollo Server over HTTP,
// graphql-ws `useServer` on the same port, a type-graphql schema, RedisPubSub with `withFilter` choosing
// a group's messages, and one INSERT into PostgreSQL per message. Each subscriber's event is executed
// and serialized by graphql-ws on its own, as these libraries do by default.
//
//   PORT=4200 DATABASE_URL=postgres://… REDIS_URL=redis://… node --import tsx bench/peers/tutorial-stack.peer.ts
import 'reflect-metadata';
import { createServer } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { withFilter } from 'graphql-subscriptions';
import { useServer } from 'graphql-ws/use/ws';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Arg, Field, ID, Mutation, ObjectType, Query, Resolver, Root, Subscription, buildSchema } from 'type-graphql';
import { WebSocketServer } from 'ws';

const TOPIC = `bench-tutorial-${process.pid}`;
const db = new pg.Pool({ connectionString: process.env['DATABASE_URL'], max: 10 });
await db.query(
  'CREATE TABLE IF NOT EXISTS tutorial_messages (id bigserial PRIMARY KEY, group_id text NOT NULL, text text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
);
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const pubSub = new RedisPubSub({ publisher: new Redis(redisUrl), subscriber: new Redis(redisUrl) });

// Every subscriber receives every group's messages from Redis and drops the other groups' here.
const forGroup = withFilter(
  () => pubSub.asyncIterableIterator<Message>(TOPIC),
  (payload?: Message, args?: { groupId: string }) => payload?.groupId === args?.groupId,
);

@ObjectType()
class Message {
  @Field(() => ID) id!: string;
  @Field(() => ID) groupId!: string;
  @Field(() => String) text!: string;
  @Field(() => String) createdAt!: string;
}

@Resolver()
class MessageResolver {
  @Query(() => String)
  health(): string {
    return 'ok';
  }

  @Mutation(() => Message)
  async sendMessage(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('text', () => String) text: string,
  ): Promise<Message> {
    const { rows } = await db.query<{ id: string; created_at: Date }>(
      'INSERT INTO tutorial_messages (group_id, text) VALUES ($1, $2) RETURNING id, created_at',
      [groupId, text],
    );
    const message = { id: rows[0]!.id, groupId, text, createdAt: rows[0]!.created_at.toISOString() };
    await pubSub.publish(TOPIC, message);
    return message;
  }

  @Subscription(() => Message, {
    subscribe: ({ source, args, context, info }) => forGroup(source, args, context, info),
  })
  messageAdded(@Root() message: Message, @Arg('groupId', () => ID) _groupId: string): Message {
    return message;
  }
}

// type-graphql 2 wants its own PubSub shape even when the subscription brings its iterator.
const schema = await buildSchema({
  resolvers: [MessageResolver],
  validate: false,
  pubSub: {
    publish: (topic: string, payload: unknown) => void pubSub.publish(topic, payload),
    subscribe: (topic: string) => pubSub.asyncIterableIterator(topic),
  },
});
const apollo = new ApolloServer({ schema });
await apollo.start();

const server = createServer((req, res) => {
  if (req.url === '/healthz') return void res.end('ok');
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
    } catch {
      return void res.writeHead(400).end();
    }
    apollo
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: '', body },
        context: async () => ({}),
      })
      .then(async (r) => {
        for (const [k, v] of r.headers) res.setHeader(k, v);
        res.statusCode = r.status ?? 200;
        if (r.body.kind === 'complete') return void res.end(r.body.string);
        for await (const chunk of r.body.asyncIterator) res.write(chunk);
        res.end();
      })
      .catch(() => res.writeHead(500).end());
  });
});
useServer({ schema }, new WebSocketServer({ server, path: '/graphql' }));
server.listen(Number(process.env['PORT'] ?? 4200), process.env['HOST'] ?? '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
