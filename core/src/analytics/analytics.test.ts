import { describe, expect, it } from 'vitest';
import { createMemoryAnalyticsStore } from '../memory';
import { createAnalytics } from './analytics';

const ADMIN = 'admin';

function setup(start = '2026-03-10T23:59:50.000Z') {
  let clock = new Date(start);
  const store = createMemoryAnalyticsStore();
  const nodes = ['a', 'b'].map((nodeId) =>
    createAnalytics({ store, nodeId, isAdmin: async (id) => id === ADMIN, now: () => clock }),
  );
  return { nodes, store, tick: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

describe('usage analytics', () => {
  it('adds up what every node counted, per day, with distinct active users and the error rate', async () => {
    const { nodes, tick } = setup();
    const [a, b] = nodes as [ReturnType<typeof createAnalytics>, ReturnType<typeof createAnalytics>];
    a.operation('u1', []);
    a.operation('u1', ['BAD_USER_INPUT']);
    b.operation('u1', []);
    b.operation(undefined, ['INTERNAL_SERVER_ERROR']);
    a.messageSent();
    b.signedUp();
    await Promise.all([a.flush(), b.flush()]);
    tick(20_000); // past midnight
    a.operation('u2', []);
    a.messageSent();
    a.messageSent();

    const r = await b.report(ADMIN, 3);
    expect(r.days.map((d) => d.day)).toEqual(['2026-03-09', '2026-03-10', '2026-03-11']);
    expect(r.days[0]).toMatchObject({ activeUsers: 0, messages: 0, operations: 0, errorRate: 0, deliveryP50Ms: null });
    expect(r.days[1]).toMatchObject({
      activeUsers: 1,
      messages: 1,
      signUps: 1,
      operations: 4,
      errors: 2,
      serverErrors: 1,
      errorRate: 0.5,
    });
    // Node a has not flushed since midnight: its counts arrive with its next flush.
    expect(r.days[2]).toMatchObject({ activeUsers: 0, messages: 0 });
    await a.flush();
    expect((await b.report(ADMIN, 1)).days).toEqual([
      expect.objectContaining({ day: '2026-03-11', activeUsers: 1, messages: 2, operations: 1 }),
    ]);
  });

  it('estimates delivery percentiles from buckets', async () => {
    const { nodes } = setup('2026-03-10T12:00:00.000Z');
    const a = nodes[0]!;
    for (let i = 0; i < 90; i++) a.delivered(3);
    for (let i = 0; i < 10; i++) a.delivered(400);
    a.delivered(60_000);
    const [today] = (await a.report(ADMIN, 1)).days;
    expect(today).toMatchObject({ deliveries: 101, deliveryP50Ms: 5, deliveryP95Ms: 500 });
  });

  it('counts the connections of nodes that reported lately, and keeps each day’s peak', async () => {
    const { nodes, tick } = setup('2026-03-10T12:00:00.000Z');
    const [a, b] = nodes as [ReturnType<typeof createAnalytics>, ReturnType<typeof createAnalytics>];
    let open = 7;
    a.countConnectionsWith(() => open);
    b.countConnectionsWith(() => 2);
    await b.flush();
    expect((await a.report(ADMIN, 1)).connectionsNow).toBe(9);
    open = 3;
    await a.flush();
    tick(120_000); // b is silent from now on
    const r = await a.report(ADMIN, 1);
    expect(r.connectionsNow).toBe(3);
    expect(r.days[0]!.peakConnections).toBe(7);
  });

  it('answers administrators only, for 1 to 366 days', async () => {
    const a = setup().nodes[0]!;
    await expect(a.report('someone', 30)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const days of [0, 367, 1.5]) {
      await expect(a.report(ADMIN, days)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { days: expect.any(String) },
      });
    }
    expect((await a.report(ADMIN, 366)).days).toHaveLength(366);
  });
});
