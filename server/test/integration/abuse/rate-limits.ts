import { describe, expect, it } from 'vitest';
import { wsRun } from '../../support/abuse';
import { codeOf, gql } from '../../support/client';
import { signUp } from '../../support/users';
import { type DefaultLimitsNode } from './fixture';

const LOG_IN = `mutation($u: String!, $p: String!) { logIn(input: { username: $u, password: $p }) { user { id } } }`;

/** Logs in over HTTP as if from `address` (the node trusts X-Forwarded-For). */
async function logInFrom(url: string, address: string, u: string, p: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: LOG_IN, variables: { u, p } }),
  });
  return (await res.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
}

/** Rate limits and spam filters: sends per user, repeated texts, blocked words, failed log-ins per username and address. */
export function rateLimitTests(node: DefaultLimitsNode): void {
  const { app, ws, guarded, direct, stored, send, sendWs } = node;

  describe('rate limits and spam', () => {
    /** 40 sends at once against a burst of 20 at 10/s: the burst passes, most of the rest are refused. */
    const expectBurst = (ok: number, limited: number) => {
      expect(ok).toBeGreaterThanOrEqual(20);
      expect(ok).toBeLessThanOrEqual(32);
      expect(limited).toBeGreaterThanOrEqual(8);
    };

    it('limits sendMessage over HTTP to the burst, with retryAfterMs, storing only accepted messages', async () => {
      const [user, other] = [await signUp(app.url, 'rate'), await signUp(app.url, 'rate')];
      const conv = await direct(user, other);
      const results = await guarded(() =>
        Promise.all(Array.from({ length: 40 }, (_, i) => send(user, conv, `burst ${i}`))),
      );
      const ok = results.filter((r) => !r.errors);
      const limited = results.filter((r) => codeOf(r) === 'RATE_LIMITED');
      expect(ok.length + limited.length).toBe(40);
      // The burst of 20 passes; a slow machine may let the 10/s rate refill a few more before the last arrive.
      expectBurst(ok.length, limited.length);
      for (const r of limited) expect(r.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
      const after = await stored(user, conv);
      expect(after.lastSeq).toBe(ok.length);
      expect(after.texts).toHaveLength(ok.length);
      // The other user is not affected.
      expect((await send(other, conv, 'still fine')).errors).toBeUndefined();
    });

    it('limits sendMessage over WebSocket the same way', async () => {
      const [user, other] = [await signUp(app.url, 'ratews'), await signUp(app.url, 'ratews')];
      const conv = await direct(user, other);
      const client = ws(user);
      const results = await guarded(() =>
        Promise.all(Array.from({ length: 40 }, (_, i) => sendWs(client, conv, `burst ${i}`))),
      );
      const ok = results.filter((r) => !r.errors);
      const limited = results.filter((r) => codeOf(r) === 'RATE_LIMITED');
      expect(ok.length + limited.length).toBe(40);
      expectBurst(ok.length, limited.length);
      for (const r of limited) expect(r.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
      expect((await stored(user, conv)).lastSeq).toBe(ok.length);
    });

    it('refuses the same text sent more than 5 times in 30 s across conversations, on both transports', async () => {
      const [user, a, b, c] = await Promise.all([1, 2, 3, 4].map(() => signUp(app.url, 'dup')));
      const convs = await Promise.all([a, b, c].map((o) => direct(user!, o!)));
      const text = 'Hello from the same script';
      const outcomes: unknown[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await send(user!, convs[i % 3]!, text);
        outcomes.push(codeOf(r) ?? 'ok');
      }
      expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      const http = await guarded(() => send(user!, convs[2]!, text));
      expect(codeOf(http)).toBe('RATE_LIMITED');
      expect(http.errors![0]!.message).toMatch(/same message/i);
      expect(http.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
      const overWs = await sendWs(ws(user!), convs[0]!, text);
      expect(codeOf(overWs)).toBe('RATE_LIMITED');
      // A different text still goes through; nothing refused was stored.
      expect((await send(user!, convs[0]!, 'something else')).errors).toBeUndefined();
      const counts = await Promise.all(convs.map((cv) => stored(user!, cv)));
      expect(counts.map((s) => s.texts.filter((t: string) => t === text).length)).toEqual([2, 2, 1]);
    });

    it('refuses text with a blocked word (whole word, any case or accent) on both transports', async () => {
      const [user, other] = [await signUp(app.url, 'words'), await signUp(app.url, 'words')];
      const conv = await direct(user, other);
      const http = await guarded(() => send(user, conv, 'Buy cheap SPÁM today'));
      expect(codeOf(http)).toBe('BAD_USER_INPUT');
      expect(http.errors![0]!.extensions!['fields']).toEqual({ text: expect.stringMatching(/blocked/) });
      const overWs = await sendWs(ws(user), conv, 'this is a scam.');
      expect(codeOf(overWs)).toBe('BAD_USER_INPUT');
      expect(overWs.errors![0]!.extensions!['fields']).toHaveProperty('text');
      expect((await send(user, conv, 'the spammer was banned')).errors).toBeUndefined();
      expect((await stored(user, conv)).texts).toEqual(['the spammer was banned']);
    });

    it('blocks an address after 10 failed log-ins for a username, even for the right password; the owner elsewhere still logs in', async () => {
      const victim = await signUp(app.url, 'victim');
      const results = await guarded(async () => {
        const out = [];
        for (let i = 0; i < 10; i++) out.push(await logInFrom(app.url, '203.0.113.7', victim.username, `guess-${i}`));
        return out;
      });
      expect(results.map(codeOf)).toEqual(Array(10).fill('UNAUTHENTICATED'));
      const right = await logInFrom(app.url, '203.0.113.7', victim.username, 'correct horse');
      expect(codeOf(right)).toBe('RATE_LIMITED');
      const retry = right.errors![0]!.extensions!['retryAfterMs'] as number;
      expect(retry).toBeGreaterThan(0);
      // The first block is a minute; it doubles for an address that keeps guessing after it.
      expect(retry).toBeLessThanOrEqual(60 * 1000);
      // The attacker cannot lock the owner out: from an address that has not failed, the right password works.
      expect((await logInFrom(app.url, '198.51.100.20', victim.username, 'correct horse')).errors).toBeUndefined();
      // A wrong password from there is just wrong, and other accounts from the blocked address are not blocked.
      expect(codeOf(await logInFrom(app.url, '198.51.100.20', victim.username, 'nope nope'))).toBe('UNAUTHENTICATED');
      const fine = await signUp(app.url, 'fine');
      expect((await logInFrom(app.url, '203.0.113.7', fine.username, 'correct horse')).errors).toBeUndefined();
    });

    it('blocks an address after 10 failed log-ins over WebSocket too', async () => {
      const [attacker, victim] = [await signUp(app.url, 'attacker'), await signUp(app.url, 'victim')];
      const client = ws(attacker);
      const results = await guarded(async () => {
        const out = [];
        for (let i = 0; i < 10; i++)
          out.push(await wsRun(client, LOG_IN, { u: victim.username, p: `guess-${i}-wrong` }));
        return out;
      });
      expect(results.map(codeOf)).toEqual(Array(10).fill('UNAUTHENTICATED'));
      const right = await wsRun(client, LOG_IN, { u: victim.username, p: 'correct horse' });
      expect(codeOf(right)).toBe('RATE_LIMITED');
      expect(right.errors![0]!.extensions!['retryAfterMs']).toBeGreaterThan(0);
      // Over HTTP from the same address as well: the block is per username and address, whatever the transport.
      expect(codeOf(await gql(app.url, LOG_IN, { u: victim.username, p: 'correct horse' }))).toBe('RATE_LIMITED');
    });
  });
}
