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
    include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'schema/**/*.test.ts', 'resolvers/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Multi-process and timing tests share two cores with databases and browsers in CI; one retry
    // absorbs a stalled moment there, while local runs stay strict.
    retry: process.env['CI'] ? 1 : 0,
    maxWorkers: 2,
  },
});
