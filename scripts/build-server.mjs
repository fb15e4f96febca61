// Bundles the server with the workspaces it uses (core, schema, resolvers) into server/dist with esbuild,
// the transform tsx applies in development (legacy decorators, no decorator metadata), so production runs
// the code the tests run. npm packages stay imports, resolved from node_modules at run time.
//
//   node scripts/build-server.mjs             builds
//   node scripts/build-server.mjs --if-stale  builds only when server/dist is missing or older than a source
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'server/dist');
/** What the build is made from: a change to any of these makes it stale. */
const SOURCES = [
  'core/src',
  'schema/src',
  'resolvers/src',
  'server/src',
  'core/package.json',
  'schema/package.json',
  'resolvers/package.json',
  'server/package.json',
  'package.json',
  'tsconfig.json',
  'scripts/build-server.mjs',
];

const SKIPPED = new Set(['node_modules', 'dist', 'test-results']);

/** The newest modification time of the files under `p` (or of the file `p`), leaving out outputs; 0 if absent. */
export function newestMtime(p) {
  let info;
  try {
    info = statSync(p);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

/** Whether server/dist is missing or older than its sources. Without sources (a production image) it is current. */
export function serverBuildStale() {
  const built = newestMtime(path.join(outdir, 'main.js'));
  return built === 0 || built < Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
}

/** Bundles server/src/main.ts and server/src/migrate.ts into server/dist. */
export async function buildServer() {
  // Loaded here, not at the top: a production image has no esbuild and never builds.
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'server/src/main.ts', migrate: 'server/src/migrate.ts' },
    outdir,
    // server/src/paths.ts finds the repository from its own location: chunks must stay directly in outdir.
    chunkNames: '[name]-[hash]',
    bundle: true,
    // Split so that modules loaded with import() (the app behind config validation, the cluster primary)
    // load only when used: a primary process never loads Apollo, and a bad variable is reported at once.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    tsconfig: 'tsconfig.json',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        // Workspace packages are bundled; every other package is imported from node_modules.
        name: 'external-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@parley/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  // The production image installs the root's dependencies only: a package the bundle imports from
  // anywhere else would be missing there at run time.
  const builtins = new Set(builtinModules);
  const undeclared = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const i of output.imports) {
      if (!i.external || i.path.startsWith('node:') || builtins.has(i.path)) continue;
      const name = i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : i.path.split('/')[0];
      if (!pkg.dependencies?.[name]) undeclared.add(name);
    }
  }
  if (undeclared.size > 0) {
    throw new Error(
      `the server imports packages missing from package.json "dependencies": ${[...undeclared].join(', ')}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ifStale = process.argv.includes('--if-stale');
  if (!ifStale || serverBuildStale()) {
    const started = Date.now();
    try {
      await buildServer();
    } catch (err) {
      console.error(`Building the server failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
    console.log(`Built the server into server/dist in ${Date.now() - started} ms`);
  }
}
