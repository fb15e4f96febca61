import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { VitePWA } from 'vite-plugin-pwa';

const apiTarget = process.env['PARLEY_API'] ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [
    vue(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['icons/*.png'],
      manifest: {
        name: 'Parley',
        short_name: 'Parley',
        description: 'Self-hosted real-time chat',
        id: '/',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f4f5f8',
        theme_color: '#4f46e5',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        // The admin console is for administrators: its views and pages (the analytics page brings chart.js, about
        // 170 kB) load when opened instead of being precached on every user's device. It needs the server anyway.
        globIgnores: ['**/Admin*.js'],
        navigateFallback: '/index.html',
        // Only the app's own routes get the cached shell. The API (whose GET a browser gets as the explorer), the
        // explorer, uploaded files and the health checks are other pages of the same origin: the server answers them.
        navigateFallbackDenylist: [/^\/(graphql|explorer|uploads|healthz|readyz)(\/|\?|$)/],
        // Push and notification clicks: a small static script beside the generated worker, so precaching and the
        // offline shell stay exactly as workbox generates them.
        importScripts: ['/notifications-sw.js'],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    proxy: { '/graphql': { target: apiTarget, ws: true, changeOrigin: true } },
  },
});
