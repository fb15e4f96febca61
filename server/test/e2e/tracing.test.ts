import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, record, until, wsClient } from '../support/client';
import { createTestDatabase } from '../support/databases';
import { needs } from '../support/needs';
import { spawnNode, stopNode, type NodeProcess } from '../support/process';
import { signUp } from '../support/users';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  links?: { traceId: string; spanId: string }[];
  attributes?: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP/HTTP (JSON) trace receiver: what an OpenTelemetry collector would get. */
async function startCollector(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      for (const r of body.resourceSpans) for (const s of r.scopeSpans) spans.push(...s.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

describe.skipIf(needs('postgres', 'redis'))('tracing across two nodes', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  const nodes: NodeProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    collector = await startCollector();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      JWT_SECRET: 'tracing-secret-0123456789-abcdefghijkl',
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // Export within a moment instead of every 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    nodes.push(await spawnNode(env), await spawnNode(env));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => stopNode(n)));
    collector?.server.close();
    await db?.drop();
  }, 60_000);

  it('links a send on one node, its publish, and its delivery on the other', async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const [ana, ben] = [await signUp(a.url, 'ana'), await signUp(a.url, 'ben')];
    const dm = (
      await gql(a.url, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: ben.id }, ana.token)
    ).data!.openDirectConversation.id;
    const client = wsClient(b.url, ben.token);
    const rec = record(
      client,
      `subscription Inbox($c: ID!) { conversationEvents(conversationId: $c) { seq } }`,
      { c: dm },
      'conversationEvents',
    );
    const find = (pred: (s: OtlpSpan) => boolean) => collector.spans.find(pred);
    // A delivery of the conversation's event on B (other channels' deliveries do not count), and B's
    // subscriber has an event: until both, B's subscription may not have been live for the sends.
    const linked = () => rec.events.length > 0 && !!find((s) => s.name === 'deliver conversation' && !!s.links?.length);
    // Until node B's subscription is live on Redis a send reaches it from storage, not the bus: send
    // again until one is delivered through the bus.
    for (let i = 1; i <= 20 && !linked(); i++) {
      await gql(
        a.url,
        `mutation SendHello($i: SendMessageInput!) { sendMessage(input: $i) { seq } }`,
        {
          i: { conversationId: dm, clientMessageId: `k${i}`, text: 'hello' },
        },
        ana.token,
      );
      await until(linked, 1000).catch(() => undefined);
    }
    await rec.waitFor(1);
    /** A delivery on B linked to a publish on A under the send's operation span, once all three are exported. */
    const chain = () => {
      for (const deliver of collector.spans.filter((x) => x.name === 'deliver conversation' && x.links?.length)) {
        const publish = find((x) => x.spanId === deliver.links![0]!.spanId);
        const op = publish && find((x) => x.spanId === publish.parentSpanId);
        if (publish && op) return { deliver, publish, op };
      }
      return null;
    };
    await until(() => chain() !== null, 20_000);
    const { deliver, publish, op } = chain()!;
    expect(publish.name).toMatch(/^publish /);
    expect(op.name).toBe('graphql.mutation SendHello');
    expect(deliver.links![0]).toMatchObject({ traceId: op.traceId, spanId: publish.spanId });
    rec.stop();
    await client.dispose();
    // The subscription over WebSocket is one span too, recorded when it ends.
    const streamed = () =>
      find(
        (x) =>
          x.name === 'graphql.subscription Inbox' &&
          !!x.attributes?.some((a) => a.key === 'parley.transport' && a.value['stringValue'] === 'ws'),
      );
    await until(() => !!streamed(), 20_000);
  }, 60_000);
});
