// Fails when client-vue/src/gql is stale: regenerates into a temporary directory and compares.
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const root = resolve(import.meta.dirname, '../..');
process.chdir(root);
const committed = 'client-vue/src/gql/';
const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
const target = config.generates[committed];
if (!target) throw new Error(`codegen.yml has no output ${committed}`);
const out = mkdtempSync(join(tmpdir(), 'parley-codegen-'));
try {
  await generate({ ...config, silent: true, generates: { [`${out}/`]: target } }, true);
  const files = new Set([...readdirSync(out), ...(existsSync(committed) ? readdirSync(committed) : [])]);
  const stale = [...files].filter((file) => {
    const a = join(out, file);
    const b = join(committed, file);
    return !existsSync(a) || !existsSync(b) || readFileSync(a, 'utf8') !== readFileSync(b, 'utf8');
  });
  if (stale.length > 0) {
    console.error(`Generated GraphQL code is stale (${stale.join(', ')}). Run: npm run codegen -w client-vue`);
    process.exitCode = 1;
  } else {
    console.log('Generated GraphQL code is up to date.');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
