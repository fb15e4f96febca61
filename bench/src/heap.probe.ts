import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';

/** Node flags that let {@link heapAfterGc} reach a server's inspector on a port of the OS's choosing. */
export const INSPECT = ['--inspect=127.0.0.1:0'];

/**
 * The V8 heap a server holds after two full collections, read through the inspector each of its
 * processes (a clustered server's workers too) announced in its output. RSS alone also counts
 * garbage not yet collected and allocator slack.
 */
export async function heapAfterGc(output: () => string): Promise<number> {
  const urls = [...output().matchAll(/Debugger listening on (ws:\/\/\S+)/g)].map((m) => m[1]!);
  if (urls.length === 0) throw new Error('the server was not started with --inspect');
  const heaps = await Promise.all(urls.map(processHeapAfterGc));
  return heaps.reduce((a, b) => a + b, 0);
}

async function processHeapAfterGc(url: string): Promise<number> {
  const ws = new WebSocket(url);
  await once(ws, 'open');
  let lastId = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<any>((resolve, reject) => {
      const id = ++lastId;
      const onMessage = (data: Buffer) => {
        const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
        if (m.id !== id) return;
        ws.off('message', onMessage);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const dir = process.env['BENCH_HEAP_SNAPSHOT'];
    if (dir) await snapshot(ws, call, `${dir}/heap-${Date.now()}.heapsnapshot`);
    const r = await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
    return Number(r.result.value);
  } finally {
    // A session still attached would make the server wait for it when it exits.
    ws.close();
  }
}

/**
 * BENCH_HEAP_SNAPSHOT=<dir> writes a heap snapshot at each probe, to see what each socket holds
 * (compare two snapshots by constructor in Chrome's memory tool).
 */
async function snapshot(ws: WebSocket, call: (method: string) => Promise<unknown>, file: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = (data: Buffer) => {
    const m = JSON.parse(String(data)) as { method?: string; params?: { chunk: string } };
    if (m.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(m.params!.chunk);
  };
  ws.on('message', onChunk);
  await call('HeapProfiler.takeHeapSnapshot');
  ws.off('message', onChunk);
  writeFileSync(file, chunks.join(''));
}
