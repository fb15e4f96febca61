// Fails when generated code is stale: regenerates every output of codegen.yml into a temporary directory and
// compares, file by file; a committed file in an output folder that codegen no longer writes is stale too.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const root = resolve(import.meta.dirname, '../..');
process.chdir(root);
const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
const targets = Object.keys(config.generates);
if (targets.length === 0) throw new Error('codegen.yml has no outputs');

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

const out = mkdtempSync(join(tmpdir(), 'parley-codegen-'));
try {
  const generates = Object.fromEntries(targets.map((target) => [join(out, target), config.generates[target]]));
  await generate({ ...config, silent: true, generates }, true);
  const written = new Set(filesUnder(out));
  const committed = new Set(
    targets.flatMap((target) =>
      target.endsWith('/') ? filesUnder(target).map((file) => join(target, file)) : [target],
    ),
  );
  const stale = [...new Set([...written, ...committed])].filter((file) => {
    const fresh = join(out, file);
    return !existsSync(fresh) || !existsSync(file) || readFileSync(fresh, 'utf8') !== readFileSync(file, 'utf8');
  });
  if (stale.length > 0) {
    console.error(`Generated GraphQL code is stale (${stale.join(', ')}). Run: npm run codegen`);
    process.exitCode = 1;
  } else {
    console.log('Generated GraphQL code is up to date.');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
