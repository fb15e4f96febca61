import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { codeOf, gql, record, wsClient } from '../support/client';
import { signUp, type TestUser } from '../support/users';

const SCHEMA = `{ __schema { queryType { name } } }`;
const TYPE = `{ __type(name: "User") { name } }`;
const TYPO = `{ mee { id } }`;

describe('introspection policy', () => {
  describe('ALLOW_INTROSPECTION=false', () => {
    let app: TestApp;
    let user: TestUser;
    beforeAll(async () => {
      app = await startTestApp('pglite', { ALLOW_INTROSPECTION: 'false' });
      user = await signUp(app.url, 'intro');
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('refuses __schema and __type over HTTP', async () => {
      for (const q of [SCHEMA, TYPE]) {
        const r = await gql(app.url, q, {}, user.token);
        expect(r.data ?? null).toBeNull();
        expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(r.errors![0]!.message).toMatch(/introspection/i);
      }
      // __typename is not introspection and keeps working.
      expect((await gql(app.url, `{ __typename }`)).data).toEqual({ __typename: 'Query' });
    });

    it('refuses __schema over WebSocket', async () => {
      const client = wsClient(app.url, user.token);
      try {
        const rec = record(client, SCHEMA, {}, '__schema');
        await rec.ended();
        expect(rec.events).toEqual([]);
        expect(JSON.stringify(rec.errors)).toMatch(/introspection/i);
      } finally {
        await client.dispose();
      }
    });

    it('hides "Did you mean" suggestions over HTTP and WebSocket', async () => {
      const r = await gql(app.url, TYPO, {}, user.token);
      expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.errors![0]!.message).toContain('mee');
      expect(JSON.stringify(r.errors)).not.toMatch(/did you mean|"me"/i);
      const client = wsClient(app.url, user.token);
      try {
        const rec = record(client, TYPO, {}, 'mee');
        await rec.ended();
        expect(JSON.stringify(rec.errors)).toContain('mee');
        expect(JSON.stringify(rec.errors)).not.toMatch(/did you mean/i);
      } finally {
        await client.dispose();
      }
    });
  });

  describe('default', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp('pglite');
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('allows introspection and suggests fields', async () => {
      const r = await gql(app.url, SCHEMA);
      expect(r.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      const typo = await gql(app.url, TYPO);
      expect(typo.errors![0]!.message).toMatch(/Did you mean "me"/);
    });
  });
});
