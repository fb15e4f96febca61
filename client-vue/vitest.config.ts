import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    root: import.meta.dirname,
    environment: 'happy-dom',
    include: ['test/unit/**/*.test.ts'],
  },
});
