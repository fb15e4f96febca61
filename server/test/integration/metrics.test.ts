import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { gql, record, until, wsClient } from '../support/client';
import { freePort } from '../support/process';
import { signUp } from '../support/users';

const TOKEN = 'metrics-token-0123456789';
const SEND = `mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq } }`;

/** Every sample line of a Prometheus text exposition, checked for its syntax, by series. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.eE+-]+|NaN|Nan|nan|[+-]?Inf)$/.exec(line);
    expect(m, `not a Prometheus sample line: ${line}`).not.toBeNull();
    samples.set(m![1]!, Number(m![2]));
  }
  return samples;
}

describe('metrics', () => {
  let app: TestApp;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    app = await startTestApp('pglite', { METRICS_TOKEN: TOKEN, METRICS_PORT: String(metricsPort) });
  }, 180_000);
  afterAll(() => app?.stop());

  const scrape = async () => {
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(await res.text());
  };

  it('answers only with the token on the public port, and without it on the metrics port', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const own = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(own.status).toBe(200);
    expect(parse(await own.text()).get('parley_storage_up')).toBe(1);
  });

  it('moves as messages are sent, delivered and refused', async () => {
    const [ana, ben] = [await signUp(app.url, 'ana'), await signUp(app.url, 'ben')];
    const dm = (
      await gql(app.url, `mutation($u: ID!) { openDirectConversation(userId: $u) { id } }`, { u: ben.id }, ana.token)
    ).data!.openDirectConversation.id;
    const client = wsClient(app.url, ben.token);
    const rec = record(
      client,
      `subscription($c: ID!) { conversationEvents(conversationId: $c) { seq } }`,
      { c: dm },
      'conversationEvents',
    );
    await until(async () => ((await scrape()).get('parley_subscriptions{transport="ws"}') ?? 0) >= 1);
    const before = await scrape();
    await gql(app.url, SEND, { i: { conversationId: dm, clientMessageId: 'm1', text: 'hi' } }, ana.token);
    await gql(app.url, SEND, { i: { conversationId: dm, clientMessageId: 'm2', text: '' } }, ana.token);
    await rec.waitFor(1);
    const after = await scrape();
    const moved = (series: string) => (after.get(series) ?? 0) - (before.get(series) ?? 0);
    expect(moved('parley_message_send_seconds_count')).toBe(1);
    expect(moved('parley_events_delivered_total')).toBe(1);
    expect(moved('parley_fanout_lag_seconds_count')).toBe(1);
    expect(moved('parley_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(moved('parley_operation_duration_seconds_count{transport="http",type="mutation",outcome="ok"}')).toBe(1);
    expect(after.get('parley_connections{transport="ws"}')).toBeGreaterThanOrEqual(1);
    expect(after.get('parley_job_queue_depth{queue="notify-message"}')).toBeGreaterThanOrEqual(0);
    expect(after.get('parley_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(after.has('parley_process_resident_memory_bytes')).toBe(true);
    rec.stop();
    await client.dispose();
  });
});

describe('metrics switched off', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  }, 180_000);
  afterAll(() => app?.stop());

  it('serves nothing at /metrics without METRICS_TOKEN', async () => {
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });
});
