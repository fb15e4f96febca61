import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

// Storage and pub/sub drivers live behind ports; only adapters (and the composition root) may load them.
const driverImports = [
  { name: 'pg', message: 'Use a port; only server/src/adapters may import pg.' },
  { name: 'ioredis', message: 'Use a port; only server/src/adapters may import ioredis.' },
  { name: 'graphql-redis-subscriptions', message: 'Use the EventBus port; only adapters may import it.' },
];
const adapterPattern = {
  group: ['**/adapters/**'],
  message: 'Depend on a port from server/src/ports, not on an adapter.',
};

const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'AbortController',
    'fetch',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'queueMicrotask',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/coverage/',
    'client-vue/src/gql/**',
    '**/test-results/**',
    '**/playwright-report/**',
    'data/',
    'scratch/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and benchmarks read untyped GraphQL JSON responses; typing each one would add noise, not safety.
    files: ['**/test/**', '**/*.test.ts', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // TypeScript already reports undefined names, and knows the globals of each environment.
    files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.vue'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // type-graphql reads decorator metadata: imports used only in decorated signatures must stay values.
    files: ['schema/**/*.ts', 'resolvers/**/*.ts'],
    languageOptions: {
      parserOptions: { experimentalDecorators: true, emitDecoratorMetadata: true },
    },
  },

  // Import boundaries (DESIGN.md): the domain knows no transport or storage, resolvers know no storage.
  {
    files: ['server/src/domain/**'],
    // Unit tests beside the domain wire it to the in-memory adapters, as the composition root does.
    ignores: ['server/src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...driverImports,
            { name: 'ws', message: 'The domain knows no transport.' },
            { name: 'mongoose', message: 'Use a port; only adapters may import mongoose.' },
          ],
          patterns: [
            { group: ['pg/*', 'ioredis/*', 'ws/*', 'mongoose/*'], message: 'Use a port; only adapters load drivers.' },
            { group: ['@apollo/*'], message: 'The domain knows no transport.' },
            adapterPattern,
          ],
        },
      ],
    },
  },
  {
    files: ['resolvers/**'],
    // Tests wire in-memory adapters, as the composition root wires real ones.
    ignores: ['resolvers/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: driverImports,
          patterns: [
            { group: ['pg/*', 'ioredis/*'], message: 'Resolvers call domain services, not storage.' },
            adapterPattern,
          ],
        },
      ],
    },
  },

  // The Vue PWA.
  ...pluginVue.configs['flat/recommended'].map((config) => ({ ...config, files: ['client-vue/**/*.vue'] })),
  {
    files: ['client-vue/**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    // Prettier owns template layout; these recommended rules would fight it.
    rules: Object.fromEntries(
      [
        'vue/first-attribute-linebreak',
        'vue/html-closing-bracket-newline',
        'vue/html-closing-bracket-spacing',
        'vue/html-indent',
        'vue/html-quotes',
        'vue/html-self-closing',
        'vue/max-attributes-per-line',
        'vue/multiline-html-element-content-newline',
        'vue/mustache-interpolation-spacing',
        'vue/no-multi-spaces',
        'vue/no-spaces-around-equal-signs-in-attribute',
        'vue/singleline-html-element-content-newline',
      ].map((rule) => [rule, 'off']),
    ),
  },
]);
