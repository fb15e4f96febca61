// Emits the SDL of the code-first schema (types from @parley/schema, fields from the resolvers) to
// schema/schema.graphql, the published contract; with --check, fails when the
// committed file differs, so the published contract never drifts from the code.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildParleySchema } from '../src/index';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema/schema.graphql');
const sdl = `${printSchema(lexicographicSortSchema(await buildParleySchema()))}\n`;

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== sdl) {
    console.error('schema/schema.graphql is stale: run `npm run schema:emit` and commit the result.');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date.');
} else {
  await writeFile(target, sdl);
  console.log(`Wrote ${path.relative(process.cwd(), target)}`);
}
