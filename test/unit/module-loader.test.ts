import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { createModuleLoader } from '../../src/config/module-loader.js';
import { UserError } from '../../src/errors.js';
import { createTempProject } from '../helpers/temp-project.js';

const require = createRequire(import.meta.url);

/** A folder of modules with a loader of its own. */
function modules() {
  const project = createTempProject();
  const cacheDir = project.path('cache');
  const loader = createModuleLoader({ transpileCacheDir: cacheDir, projectDir: project.dir });
  const write = (name: string, source: string): string => {
    const file = project.path(name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
    return file;
  };
  return { dir: project.dir, cacheDir, loader, write };
}

it('loads TypeScript through esbuild, with import.meta as in native ESM', async () => {
  const { dir, cacheDir, loader, write } = modules();
  const importModule = loader.import;
  const file = write('plain.ts', `import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const t = pgTable('t', { id: serial('id') });\nexport const here: string = import.meta.url;\nexport default { dir: import.meta.dirname };\n`);
  const exported = await importModule(file, 'a schema');
  expect(exported.here).toBe(pathToFileURL(file).href);
  expect(exported.default).toEqual({ dir });
  const cached = readdirSync(cacheDir).find((entry) => entry.includes('-plain.'))!;
  expect(readFileSync(join(cacheDir, cached), 'utf8')).toContain('__toCommonJS');
});

it('hands what esbuild cannot express as CommonJS to jiti: top-level await, dynamic import', async () => {
  const { loader, write } = modules();
  const importModule = loader.import;
  const awaiting = write('awaiting.ts', `const value: number = await Promise.resolve(42);\nexport { value };\n`);
  expect((await importModule(awaiting, 'a schema')).value).toBe(42);
  const dynamic = write('dynamic.ts', `export const load = () => import('node:path').then((path) => path.sep);\n`);
  const { load } = (await importModule(dynamic, 'a schema')) as { load: () => Promise<string> };
  expect(await load()).toBe('/');
});

it('a syntax error is one line naming the file', async () => {
  const { loader, write } = modules();
  const importModule = loader.import;
  const broken = write('broken.ts', `export const broken = ;\n`);
  const error = await importModule(broken, 'the schema of section "x"', 'db/x/schema.ts').catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).message).toMatch(/^db\/x\/schema\.ts: cannot load the schema of section "x": /);
  expect((error as UserError).message).not.toContain('\n');
});

it('knows every file a run loaded, keeps runs of two projects apart, and drops what it loaded when disposed', async () => {
  const [first, second] = [modules(), modules()];
  const files = (project: ReturnType<typeof modules>, label: string) => ({
    schema: project.write('db/schema.ts', `import { pgTable, serial } from 'drizzle-orm/pg-core';\nimport { shared } from './shared';\nimport values from './values.json';\nexport const table = pgTable(shared + '${label}', { id: serial('id') });\nexport const labels = values;\n`),
    shared: project.write('db/shared.ts', `export const shared = 'table_';\n`),
    values: project.write('db/values.json', `["${label}"]\n`),
  });
  const [a, b] = [files(first, 'a'), files(second, 'b')];
  const [fromA, fromB] = await Promise.all([first.loader.import(a.schema, 'a schema'), second.loader.import(b.schema, 'a schema')]);
  expect([fromA.labels, fromB.labels]).toEqual([['a'], ['b']]);
  expect(first.loader.loadedFiles()).toEqual([a.schema, a.shared, a.values].sort());
  expect(second.loader.loadedFiles()).toEqual([b.schema, b.shared, b.values].sort());

  first.loader.dispose();
  expect(Object.keys(require.cache).filter((file) => file.startsWith(first.dir))).toEqual([]);
  expect(Object.keys(require.cache).filter((file) => file.startsWith(second.dir)).sort()).toEqual([b.schema, b.shared, b.values].sort());
  second.loader.dispose();
});
