import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance for type-graphql, Apollo and graphql-ws, or schema checks fail across realms.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  oxc: {
    decorator: { legacy: true, emitDecoratorMetadata: true },
  },
  test: {
    include: [
      'core/**/*.test.ts',
      'server/**/*.test.ts',
      'schema/**/*.test.ts',
      'resolvers/**/*.test.ts',
      'explorer/src/**/*.test.ts',
      'bench/src/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // No retry, in CI either: a test that fails once is a bug in the code or in the test, and a retry
    // would hide it. Timed tests wait for conditions or run on fake timers instead.
    retry: 0,
    maxWorkers: 2,
  },
});
