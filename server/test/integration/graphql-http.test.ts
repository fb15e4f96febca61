import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

// The GraphQL over HTTP specification's audits (graphql-http), run against a real node at /graphql.
describe('GraphQL over HTTP compliance', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('passes every MUST audit', async () => {
    const audits = serverAudits({ url: () => `${app.url}/graphql`, fetchFn: fetch });
    const results = await Promise.all(audits.map(async (audit) => ({ audit, result: await audit.fn() })));
    const failed = (level: string) =>
      results
        .filter(({ audit, result }) => audit.name.startsWith(level) && result.status !== 'ok')
        .map(({ audit, result }) => `${audit.name}: ${'reason' in result ? result.reason : result.status}`);
    const count = (level: string) => results.filter(({ audit }) => audit.name.startsWith(level));
    const passed = (level: string) => count(level).filter(({ result }) => result.status === 'ok').length;
    console.info(
      `graphql-http audits: MUST ${passed('MUST')}/${count('MUST').length}, SHOULD ${passed('SHOULD')}/${count('SHOULD').length}, MAY ${passed('MAY')}/${count('MAY').length}`,
    );
    for (const line of [...failed('SHOULD'), ...failed('MAY')]) console.info(`  not met: ${line}`);
    expect(failed('MUST')).toEqual([]);
    expect(passed('MUST')).toBeGreaterThan(0);
  });
});
