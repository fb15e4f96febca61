import { once } from 'node:events';
import WebSocket from 'ws';

/** Node flags that let {@link heapAfterGc} reach a server's inspector on a port of the OS's choosing. */
export const INSPECT = ['--inspect=127.0.0.1:0'];

/**
 * The V8 heap a server process holds after two full collections, read through the inspector it
 * announced in its output. RSS alone also counts garbage not yet collected and allocator slack.
 */
export async function heapAfterGc(output: () => string): Promise<number> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1];
  if (!url) throw new Error('the server was not started with --inspect');
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
    const r = await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
    return Number(r.result.value);
  } finally {
    // A session still attached would make the server wait for it when it exits.
    ws.close();
  }
}
