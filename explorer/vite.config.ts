import { defineConfig } from 'vite';

// The explorer is served by the Parley server under /explorer/ (and at GET /graphql for browsers),
// so every asset, worker and font is bundled here and nothing is fetched from elsewhere.
export default defineConfig({
  base: '/explorer/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The Monaco editor and its GraphQL worker are large by nature; the page loads them once.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      // React libraries' "use client" markers mean nothing in a client-only bundle.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});
