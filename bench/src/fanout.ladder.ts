// The load side of the fan-out benchmark: lean WebSocket subscribers (no GraphQL client, no JSON parse:
// a message is recognised by the `~index~` marker in its text) and an open-loop sender stepping its rate.
import { quantile } from '@parley/server/testing';
import { openLeanSocket, type LeanSocket } from './lean-socket';
import { cpuSeconds, rssKb } from './support';

/** One server under test, reached the same way whatever it runs. */
export interface FanoutTarget {
  name: string;
  pid: number;
  /** The server's V8 heap after a full collection, in bytes. */
  heap(): Promise<number>;
  groups: number;
  /** Sockets per group, each with one subscription to it. */
  groupSize: number;
  /** Where socket `i` of group `g` connects; `init` is sent on open, `subscribe` after the first frame back. */
  socket(g: number, i: number): { url: string; protocol?: string; init?: string; subscribe?: string };
  /** Sends one message over HTTP into group `g`; rejects on any error. */
  send(g: number, text: string): Promise<void>;
  stop(): Promise<void>;
}

/** A step of the ladder: messages per second sent, spread over the groups. */
export interface StepResult {
  messagesPerSecond: number;
  deliveredPerSecond: number;
  p99Ms: number;
  /** p99 from the send's HTTP response arriving to its event reaching the last of its group (0 if before). */
  p99AfterReturnMs: number;
  lost: number;
  sendErrors: number;
  serverCpuUsPerEvent: number;
  loadGeneratorCore: number;
  ok: boolean;
}

const MARK = 126; // '~'
const P99_LIMIT_MS = 250;
const STEP_MS = 3000;
const DRAIN_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A message text of exactly 100 characters carrying its index. */
const textOf = (index: number) => `~${index}~`.padEnd(100, 'x');

/** Options of {@link runLadder} for steps compared side by side rather than a capacity. */
export interface LadderOptions {
  /** Run every rate, also after a step failed. */
  everyStep?: boolean;
  /** Waited for before each step (once the sockets are set up), e.g. so two ladders step together. */
  beforeStep?: () => Promise<void>;
}

export async function runLadder(t: FanoutTarget, rates: readonly number[], options: LadderOptions = {}) {
  const { everyStep = false, beforeStep } = options;
  const sentAt: number[] = [];
  const returnedAt: number[] = [];
  /** When each message reached its latest recipient so far. */
  const lastAt: number[] = [];
  const received: number[] = [];
  let latencies: number[] = [];
  let lastReceipt = 0;
  const onFrame = (data: Buffer) => {
    const start = data.indexOf(MARK);
    if (start < 0) return;
    const end = data.indexOf(MARK, start + 1);
    const index = Number(data.toString('latin1', start + 1, end));
    received[index] = (received[index] ?? 0) + 1;
    lastReceipt = performance.now();
    latencies.push(lastReceipt - sentAt[index]!);
    lastAt[index] = lastReceipt;
  };

  /** Opens sockets (socket `i` of group `g` for each pair) in waves, so handshakes do not time out. */
  async function connect(pairs: number[][]): Promise<LeanSocket[]> {
    const opened: LeanSocket[] = [];
    for (let from = 0; from < pairs.length; from += 100) {
      await Promise.all(
        pairs.slice(from, from + 100).map(
          ([g, i]) =>
            new Promise<void>((resolve, reject) => {
              const s = t.socket(g!, i!);
              let first = true;
              const ws = openLeanSocket(s.url, s.protocol, {
                open: () => (s.init ? ws.send(s.init) : undefined),
                error: reject,
                frame: (data) => {
                  if (!first) return onFrame(data);
                  first = false;
                  if (s.subscribe) ws.send(s.subscribe);
                  resolve();
                },
              });
              opened.push(ws);
            }),
        ),
      );
    }
    return opened;
  }

  let index = 0;
  /**
   * Subscriptions register after the handshake: one message per group must reach every socket of
   * it (`perGroup(g)` of them) before the sockets count as subscribed.
   */
  async function warm(perGroup: (g: number) => number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const sent = Array.from({ length: t.groups }, (_, g) => index + g);
      for (let g = 0; g < t.groups; g++) {
        sentAt[index] = performance.now();
        await t.send(g, textOf(index++));
      }
      const missing = () => sent.some((w, g) => (received[w] ?? 0) < perGroup(g));
      const until = performance.now() + 10_000;
      while (performance.now() < until && missing()) await sleep(50);
      if (!missing()) return;
      if (attempt === 2) throw new Error(`${t.name}: subscriptions not all live after warm-up`);
    }
  }

  const all = Array.from({ length: t.groups * t.groupSize }, (_, k) => [k % t.groups, Math.floor(k / t.groups)]);
  // A first wave subscribes, takes a message and closes before the baseline, so code compiled and
  // caches filled on first use are not counted per socket (the "marginal" memory). The
  // heap probe collects garbage first, so every figure is taken after a full collection.
  const heapCold = await t.heap();
  const firstWave = all.slice(0, Math.min(100, all.length));
  const wave = await connect(firstWave);
  await warm((g) => firstWave.filter(([wg]) => wg === g).length);
  await Promise.all(wave.map((ws) => ws.close()));
  await sleep(1000);
  const heapBefore = await t.heap();
  const rssBefore = rssKb(t.pid);
  const sockets = await connect(all);
  await warm(() => t.groupSize);
  await sleep(1000);
  const heapAfter = await t.heap();
  const idleHeapKbPerSocket = (heapAfter - heapBefore) / 1024 / sockets.length;
  /** The same counted from before the first wave: with what the first sockets compiled and filled. */
  const coldHeapKbPerSocket = (heapAfter - heapCold) / 1024 / sockets.length;
  const idleKbPerSocket = (rssKb(t.pid) - rssBefore) / sockets.length;

  const steps: StepResult[] = [];
  let retried = false;
  for (let r = 0; r < rates.length; r++) {
    await beforeStep?.();
    const rate = rates[r]!;
    latencies = [];
    const first = index;
    let sendErrors = 0;
    const cpu0 = cpuSeconds(t.pid);
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    // Open loop: messages go out on schedule whether or not earlier ones have been answered.
    for (let n = 0; performance.now() - t0 < STEP_MS;) {
      const due = Math.floor(((performance.now() - t0) / 1000) * rate);
      for (; n < due; n++) {
        const i = index++;
        sentAt[i] = performance.now();
        t.send(n % t.groups, textOf(i)).then(
          () => (returnedAt[i] = performance.now()),
          () => sendErrors++,
        );
      }
      await sleep(5);
    }
    const expected = (index - first) * t.groupSize;
    const count = () => received.slice(first, index).reduce((a, b) => a + (b ?? 0), 0);
    const drainUntil = performance.now() + DRAIN_MS;
    while (count() < expected && performance.now() < drainUntil) await sleep(20);
    const delivered = count();
    const wall = (delivered === expected ? lastReceipt : performance.now()) - t0;
    const own = process.cpuUsage(own0);
    const p99Ms = quantile(latencies, 0.99);
    const afterReturn = [];
    for (let i = first; i < index; i++) {
      if (returnedAt[i] !== undefined && lastAt[i] !== undefined)
        afterReturn.push(Math.max(0, lastAt[i]! - returnedAt[i]!));
    }
    const step: StepResult = {
      messagesPerSecond: rate,
      deliveredPerSecond: Math.round(delivered / (wall / 1000)),
      p99Ms: +p99Ms.toFixed(1),
      p99AfterReturnMs: +quantile(afterReturn, 0.99).toFixed(1),
      lost: expected - delivered,
      sendErrors,
      serverCpuUsPerEvent: +(((cpuSeconds(t.pid) - cpu0) * 1e6) / Math.max(delivered, 1)).toFixed(1),
      loadGeneratorCore: +((own.user + own.system) / 1000 / wall).toFixed(2),
      ok: expected === delivered && sendErrors === 0 && p99Ms <= P99_LIMIT_MS,
    };
    steps.push(step);
    console.error(`${t.name}: ${JSON.stringify(step)}`);
    if (step.loadGeneratorCore > 0.9) console.error(`${t.name}: the load generator used over 90 % of a core`);
    if (!step.ok && !everyStep) {
      // Other work shares this machine: a step that lost nothing but missed the p99 once gets a second try.
      if (retried || step.lost > 0 || step.sendErrors > 0) break;
      retried = true;
      r--;
    }
    // Let the server settle so one step's backlog does not count against the next.
    await sleep(500);
  }
  for (const s of sockets) s.terminate();
  return { idleKbPerSocket, idleHeapKbPerSocket, coldHeapKbPerSocket, steps };
}
