import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';
import { CORE_SCHEMA, SAMPLE_CONFIG, sampleFiles } from './sample-project.js';

async function expectRefused(project: TempProject, args: readonly string[], message: string) {
  const before = project.snapshot();
  const result = await runCli(args, { cwd: project.dir });
  expect(result.exitCode, result.stderr).toBe(2);
  const [first, ...rest] = result.stderr.trimEnd().split('\n');
  expect(first).toBe(`error ${message}`);
  expect(rest.join('\n')).not.toMatch(/\bat .+:\d+:\d+/);
  expect(project.snapshot()).toEqual(before);
}

const withCoreTable = (definition: string) => sampleFiles({ 'db/core/schema.ts': `${CORE_SCHEMA}${definition}\n` });

describe('names from schema modules get the rules add-table applies: exit 2 naming the table and section', () => {
  it('a table name that is a path', async () => {
    const project = createTempProject({ files: withCoreTable("export const pwned = pgTable('../../../../../../pwned_by_table', { id: serial('id').primaryKey() });") });
    const message = 'section "core": table "../../../../../../pwned_by_table": a table name cannot hold a path separator, ".." or NUL, nor be only dots (its stubs are files named after it)';
    await expectRefused(project, ['generate'], message);
    await expectRefused(project, ['check'], message);
    expect(existsSync('/pwned-by-table')).toBe(false);
  });

  it('two tables whose TypeScript names collide (x_item_1 and x_item1)', async () => {
    const project = createTempProject({
      files: withCoreTable("export const a = pgTable('x_item_1', { id: serial('id').primaryKey() });\nexport const b = pgTable('x_item1', { id: serial('id').primaryKey() });"),
    });
    await expectRefused(project, ['generate'], 'section "core": tables "x_item_1" and "x_item1" both become xItem1, their key in the types file; rename one');
  });

  it('two tables whose stub folders collide (the section prefix dropped)', async () => {
    const project = createTempProject({
      files: withCoreTable("export const a = pgTable('core_widget', { id: serial('id').primaryKey() });\nexport const b = pgTable('widget', { id: serial('id').primaryKey() });"),
    });
    await expectRefused(project, ['generate'], 'section "core": tables "core_widget" and "widget" both become widget, their stub folder; rename one');
  });

  it('an enum and a table of the same type name', async () => {
    const project = createTempProject({ files: withCoreTable("export const userRoles = pgTable('user_role', { id: serial('id').primaryKey() });") });
    await expectRefused(project, ['generate'], 'section "core": enum "user_role" and table "user_role" both become type UserRole in the types file; rename one');
  });

  it('a table defined twice in one section', async () => {
    const project = createTempProject({ files: withCoreTable("export const partsAgain = pgTable('part', { id: serial('id').primaryKey() });") });
    await expectRefused(project, ['generate'], 'section "core": table "part" is defined twice (exports parts and partsAgain); keep one');
  });

  it('a name over 63 bytes', async () => {
    const long = `t${'x'.repeat(63)}`;
    const project = createTempProject({ files: withCoreTable(`export const long = pgTable('${long}', { id: serial('id').primaryKey() });`) });
    await expectRefused(project, ['generate'], `section "core": table "${long}" is 64 bytes; PostgreSQL keeps only 63 and would truncate it`);
  });

  it('a section named node_modules: generate and add-table refuse, the schema untouched', async () => {
    const config = SAMPLE_CONFIG.replace("core: { schema: './db/core/schema.ts', types: './db/core/types.ts' }", "node_modules: { schema: './db/core/schema.ts', types: './db/core/types.ts' }");
    const project = createTempProject({ files: sampleFiles({ 'sections.config.ts': config }) });
    const message = 'section name "node_modules": reserved (it would name the folder or file of something else); pick another name';
    await expectRefused(project, ['generate'], message);
    await expectRefused(project, ['add-table', 'node_modules', 'extra', '--column', 'name:text'], message);
  });

  it('extraTables and publicIdReferences naming tables that do not exist', async () => {
    const extra = createTempProject({ files: sampleFiles({ 'sections.config.ts': SAMPLE_CONFIG.replace("include: 'vendor_*' }", "include: 'vendor_*', extraTables: ['vendor_audit'] }") }) });
    await expectRefused(extra, ['generate'], 'section "vendor": extraTables lists "vendor_audit", but no migration creates that table');
    const references = (entry: string) => SAMPLE_CONFIG.replace("features: './features',", `features: './features',\n  publicIdReferences: { ${entry} },`);
    const cases: [string, string][] = [
      ["'vendor_inventry.core_part_public_id': 'part'", 'publicIdReferences."vendor_inventry.core_part_public_id": no section exports a table "vendor_inventry"'],
      ["'vendor_inventory.part_ref': 'part'", 'publicIdReferences."vendor_inventory.part_ref": table "vendor_inventory" (section "vendor") has no column "part_ref"'],
      ["'vendor_inventory.core_part_public_id': 'parts'", 'publicIdReferences."vendor_inventory.core_part_public_id": no section exports the table "parts" it references'],
    ];
    const project = createTempProject({ files: sampleFiles() });
    for (const [entry, message] of cases) {
      project.write('sections.config.ts', references(entry));
      await expectRefused(project, ['generate'], message);
    }
  });
});
