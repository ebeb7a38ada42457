import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { importModule, useTranspileCache } from '../../src/config/import-module.js';
import { UserError } from '../../src/errors.js';
import { REPO_ROOT } from '../helpers/temp-project.js';

const dir = mkdtempSync(join(REPO_ROOT, '.tmp', 'import-module-'));
const cacheDir = join(dir, 'cache');
useTranspileCache(cacheDir);

function module(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

it('loads TypeScript through esbuild, with import.meta as in native ESM', async () => {
  const file = module('plain.ts', `import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const t = pgTable('t', { id: serial('id') });\nexport const here: string = import.meta.url;\nexport default { dir: import.meta.dirname };\n`);
  const exported = await importModule(file, 'a schema');
  expect(exported.here).toBe(pathToFileURL(file).href);
  expect(exported.default).toEqual({ dir });
  const cached = readdirSync(cacheDir).find((entry) => entry.includes('-plain.'))!;
  expect(readFileSync(join(cacheDir, cached), 'utf8')).toContain('__toCommonJS');
});

it('hands what esbuild cannot express as CommonJS to jiti: top-level await, dynamic import', async () => {
  const awaiting = module('awaiting.ts', `const value: number = await Promise.resolve(42);\nexport { value };\n`);
  expect((await importModule(awaiting, 'a schema')).value).toBe(42);
  const dynamic = module('dynamic.ts', `export const load = () => import('node:path').then((path) => path.sep);\n`);
  expect(await (await importModule(dynamic, 'a schema')).load()).toBe('/');
});

it('a syntax error is one line naming the file', async () => {
  const broken = module('broken.ts', `export const broken = ;\n`);
  const error = await importModule(broken, 'the schema of section "x"', 'db/x/schema.ts').catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).message).toMatch(/^db\/x\/schema\.ts: cannot load the schema of section "x": /);
  expect((error as UserError).message).not.toContain('\n');
});
