// Architecture rules, checked by `npm run check:architecture` (part of `npm test`).
// The workspace packages' own package.json files are the source of truth for which package may
// import which: a package imports another only through its `exports` entry points, and only when it
// declares it as a dependency. The declared graph must itself be acyclic (core ← schema ← resolvers ← server).
const fs = require('node:fs');
const path = require('node:path');

const PACKAGES = ['core', 'schema', 'resolvers', 'server', 'bench'];
const manifests = Object.fromEntries(
  PACKAGES.map((dir) => [dir, JSON.parse(fs.readFileSync(path.join(__dirname, dir, 'package.json'), 'utf8'))]),
);
const dirOf = Object.fromEntries(PACKAGES.map((dir) => [manifests[dir].name, dir]));
const declared = Object.fromEntries(
  PACKAGES.map((dir) => [
    dir,
    Object.keys(manifests[dir].dependencies ?? {})
      .map((name) => dirOf[name])
      .filter(Boolean),
  ]),
);

// A cycle among the declared dependencies is an error of the manifests themselves.
const visiting = new Set();
const done = new Set();
function visit(dir, trail) {
  if (visiting.has(dir)) throw new Error(`workspace dependency cycle: ${[...trail, dir].join(' -> ')}`);
  if (done.has(dir)) return;
  visiting.add(dir);
  for (const dep of declared[dir]) visit(dep, [...trail, dir]);
  visiting.delete(dir);
  done.add(dir);
}
PACKAGES.forEach((dir) => visit(dir, []));

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const entryPoints = PACKAGES.flatMap((dir) =>
  Object.values(manifests[dir].exports ?? {}).map((p) => `^${escapeRegExp(path.posix.join(dir, p))}$`),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must not import each other in a circle; split the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: "An import that does not resolve (a path behind a package's `exports`, a typo) would fail at run time.",
      from: {},
      // Vite's virtual modules and type-only packages exist only for the bundler and the compiler.
      to: { couldNotResolve: true, pathNot: ['^virtual:', '^@graphql-typed-document-node/core$'] },
    },
    {
      name: 'no-deep-import',
      severity: 'error',
      comment: 'Another package is reached only through an entry point of its package.json `exports`.',
      from: { path: `^(${PACKAGES.join('|')})/` },
      to: { path: `^(${PACKAGES.join('|')})/`, pathNot: ['^$1/', ...entryPoints] },
    },
    ...PACKAGES.map((dir) => ({
      name: `${dir}-declared-dependencies`,
      severity: 'error',
      comment: `${dir}/ imports only the workspace packages its package.json declares (${declared[dir].join(', ') || 'none'}).`,
      from: { path: `^${dir}/` },
      to: { path: `^(${PACKAGES.filter((p) => p !== dir && !declared[dir].includes(p)).join('|') || '$^'})/` },
    })),
    {
      name: 'core-knows-no-transport-or-storage',
      severity: 'error',
      comment: 'The domain talks to the world through its ports only.',
      from: { path: '^core/src/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        path: 'node_modules/(pg|ioredis|graphql-redis-subscriptions|mongoose|ws|graphql|graphql-ws|type-graphql|@apollo/.*|@electric-sql/.*)/',
      },
    },
    {
      name: 'domain-uses-ports-not-memory-adapters',
      severity: 'error',
      comment: 'Services depend on ports; the in-memory adapters are wired by the composition (and tests).',
      from: { path: '^core/src/', pathNot: ['^core/src/memory/', '\\.test\\.ts$'] },
      to: { path: '^core/src/memory/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
