import { beforeAll, describe, expect, it } from 'vitest';
import { attacks, wsRun, type OpResult } from '../../support/abuse';
import { codeOf, gql } from '../../support/client';
import { signUp, type TestUser } from '../../support/users';
import { SEND, type DefaultLimitsNode } from './fixture';

/** Documents built to cost the server: floods of aliases, depth, tokens or directives, cycles, cost, batches. */
export function operationLimitTests(node: DefaultLimitsNode): void {
  const { app, ws, guarded, direct, stored, send } = node;

  describe('operation limits', () => {
    let user: TestUser;
    let other: TestUser;
    let conv: string;
    beforeAll(async () => {
      user = await signUp(app.url, 'ops');
      other = await signUp(app.url, 'ops');
      conv = await direct(user, other);
      expect((await send(user, conv, 'before the attacks')).errors).toBeUndefined();
    });

    const bothTransports = async (query: string, variables: Record<string, unknown> = {}) => {
      const client = ws(user);
      const [http, overWs] = await guarded(() =>
        Promise.all([gql(app.url, query, variables, user.token), wsRun(client, query, variables)]),
      );
      return { http, ws: overWs };
    };

    it('refuses an alias flood of 100 sendMessage on both transports and stores nothing', async () => {
      const before = await stored(user, conv);
      const { http, ws: overWs } = await bothTransports(attacks.aliasFlood(100), { c: conv });
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.errors![0]!.message).toMatch(/aliases/i);
        expect(r.data ?? null).toBeNull();
      }
      expect(http.status).toBe(400);
      expect(await stored(user, conv)).toEqual(before);
    });

    it('refuses a depth bomb on both transports', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.depthBomb(30), { c: conv });
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/depth/i);
      }
    });

    it('refuses a fragment cycle as a validation error on both transports', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.fragmentCycle, { c: conv });
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/cannot spread fragment|cycle/i);
      }
    });

    it('refuses a token flood on both transports with the same code', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.tokenFlood(20_000));
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_PARSE_FAILED');
        expect(r.errors![0]!.message).toMatch(/5000 tokens/);
      }
    });

    it('refuses a directive flood on both transports', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.directiveFlood(200));
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/directives.*limit|limit.*directives/i);
      }
    });

    it('refuses nested first: 200 lists over the cost limit on both transports', async () => {
      const { http, ws: overWs } = await bothTransports(attacks.costly);
      for (const r of [http, overWs] as OpResult[]) {
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.message).toMatch(/cost limit of 20000/i);
        expect(r.data ?? null).toBeNull();
      }
      // The same shape with small lists runs.
      const small = await gql(
        app.url,
        `{ conversations(first: 5) { conversations { id members(first: 5) { user { id } } } } }`,
        {},
        user.token,
      );
      expect(small.errors).toBeUndefined();
    });

    it('refuses a 1000-operation HTTP batch with 400 and runs none of it', async () => {
      const before = await stored(user, conv);
      const batch = Array.from({ length: 1000 }, (_, i) => ({
        query: SEND,
        variables: { i: { conversationId: conv, clientMessageId: `batch-${i}`, text: `batch ${i}` } },
      }));
      const res = await guarded(() =>
        fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
          body: JSON.stringify(batch),
        }),
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(/batch/i);
      expect(await stored(user, conv)).toEqual(before);
    });
  });
}
