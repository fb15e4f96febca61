import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

// Kept-alive connections, as a browser or an SDK would hold them.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * POSTs a JSON body with node's http client: the load generator shares the machine with the servers it
 * measures, and `fetch` costs it several times the CPU per request.
 */
export function postJson(url: string, body: object, token?: string): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** POSTs an operation and returns its data; any GraphQL error aborts the benchmark. */
export async function gql(url: string, query: string, variables: object, token?: string): Promise<any> {
  const res = await postJson(`${url}/graphql`, { query, variables }, token);
  const body = JSON.parse(res.text) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** CPU seconds (user + system) a process has used, from /proc (clock ticks are 100 per second). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process in KB, from /proc. */
export function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}
