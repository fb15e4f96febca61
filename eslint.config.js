import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

// Storage and pub/sub drivers live behind core's ports; only server adapters may load them.
const driverImports = [
  { name: 'pg', message: 'Use a port; only server/src/adapters may import pg.' },
  { name: 'ioredis', message: 'Use a port; only server/src/adapters may import ioredis.' },
  { name: 'graphql-redis-subscriptions', message: 'Use the EventBus port; only adapters may import it.' },
];

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
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...nodeGlobals, require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // type-graphql reads decorator metadata: imports used only in decorated signatures must stay values.
    files: ['schema/**/*.ts', 'resolvers/**/*.ts'],
    languageOptions: {
      parserOptions: { experimentalDecorators: true, emitDecoratorMetadata: true },
    },
  },

  // Import boundaries (DESIGN.md): core ← schema ← resolvers ← server. The whole package graph (cycles,
  // deep imports, undeclared workspace dependencies) is checked by `npm run check:architecture`; these
  // rules say the same in the editor.
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@parley/*/src/**', '@parley/*/test/**'],
              message: "Import the package's entry point (its package.json `exports`), not its files.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['core/src/**'],
    // Unit tests beside the domain wire it to the in-memory adapters, as the composition does.
    ignores: ['core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...driverImports,
            { name: 'ws', message: 'The domain knows no transport.' },
            { name: 'graphql', message: 'The domain knows no GraphQL.' },
            { name: 'type-graphql', message: 'The domain knows no GraphQL.' },
            { name: 'mongoose', message: 'Use a port; only adapters may import mongoose.' },
          ],
          patterns: [
            { group: ['pg/*', 'ioredis/*', 'ws/*', 'mongoose/*'], message: 'Use a port; only adapters load drivers.' },
            { group: ['@apollo/*', 'graphql-*'], message: 'The domain knows no transport.' },
            { group: ['@parley/*'], message: 'core depends on no other package of Parley.' },
            { group: ['../memory', '../memory/*'], message: 'Services depend on ports, not on the memory adapters.' },
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
            { group: ['@parley/server', '@parley/server/*'], message: 'The server depends on resolvers, not back.' },
            { group: ['@parley/*/src/**'], message: "Import the package's entry point, not its files." },
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
