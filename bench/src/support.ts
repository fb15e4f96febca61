import { request } from 'undici';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * How to start Parley's server as production runs it: the compiled bundle (built first when missing or
 * older than its sources). Through tsx, every named function expression gets its name set at run time
 * (esbuild's keepNames), which leaves each such closure with a property store of its own: a per-socket
 * cost production does not pay.
 */
export function parleyServer(): string[] {
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { stdio: 'inherit' });
  return ['server/dist/main.js'];
}

/**
 * POSTs an operation and returns its data; any GraphQL error aborts the benchmark. undici's `request`,
 * not `fetch`: fetch costs the load generator about three times the CPU per request, taken from the
 * server and the database on a small machine.
 */
export async function gql(url: string, query: string, variables: object, token?: string): Promise<any> {
  const res = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.body.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A process and the processes it started (a clustered server's workers), from /proc. */
export function processTree(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return [pid, ...(children ? children.split(' ').flatMap((c) => processTree(Number(c))) : [])];
}

/**
 * CPU seconds (user + system) a process and its workers have used, from /proc (clock ticks are 100
 * per second).
 */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/**
 * System calls a process has made that read and that write (sockets included), from /proc: on a VM
 * where each costs tens of microseconds, the count per operation says as much as its CPU time.
 */
export function ioCalls(pid: number): { reads: number; writes: number } {
  const total = { reads: 0, writes: 0 };
  for (const p of processTree(pid)) {
    const io = readFileSync(`/proc/${p}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(io)?.[1] ?? 0);
    total.reads += field('syscr');
    total.writes += field('syscw');
  }
  return total;
}

/** Resident memory of a process and its workers in KB, from /proc. */
export function rssKb(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
  }
  return kb;
}
