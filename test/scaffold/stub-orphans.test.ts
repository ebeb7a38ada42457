import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';
import { CORE_SCHEMA, CUSTOMER_SCHEMA, SAMPLE_CONFIG, sampleFiles, VENDOR_SCHEMA } from '../generate/sample-project.js';

const WISHLIST = `
export const wishlist = pgTable('wishlist', {
  id: serial('id').primaryKey(),
  corePartPublicId: uuid('core_part_public_id').notNull(),
});
`;

const orphanLines = (stderr: string) => stderr.split('\n').filter((line) => line.includes('[stub-orphan]')).sort();

describe('stubs follow their tables', () => {
  it('check names stubs of tables dropped or moved to another section; generate --prune removes those as scaffolded and keeps edited ones until --force', async () => {
    const project = createTempProject({ files: sampleFiles() });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);

    // vendor_inventory is dropped; wishlist moves from customer to core.
    project.write('db/vendor/schema.ts', VENDOR_SCHEMA.slice(0, VENDOR_SCHEMA.indexOf('export const vendorInventory')));
    project.write('db/customer/schema.ts', CUSTOMER_SCHEMA.slice(0, CUSTOMER_SCHEMA.indexOf('export const wishlist')));
    project.write('db/core/schema.ts', CORE_SCHEMA + WISHLIST);
    // Dropping a table is what the test is about, not what the migration lint should stop.
    project.write(
      'sections.config.ts',
      SAMPLE_CONFIG.replace("include: 'customer_*|wishlist*'", "include: 'customer_*'").replace("features: './features',", "features: './features',\n  lint: { rules: { 'ban-drop-table': 'off' } },"),
    );
    const edited = 'features/customer/wishlist/wishlist.repository.ts';
    project.write(edited, `${project.read(edited)}// our own query\n`);

    const generated = await runCli(['generate'], { cwd: project.dir });
    expect(generated.exitCode, generated.stderr).toBe(0);
    expect(generated.stdout).toContain('created repository features/core/wishlist/wishlist.repository.ts');
    expect(generated.stderr).toContain('section "customer": features/customer/wishlist/wishlist.service.ts is the service stub of a table no longer in the section; `sections generate --prune` removes it');
    expect(project.exists('features/vendor/inventory/inventory.repository.ts')).toBe(true);

    const checked = await runCli(['check'], { cwd: project.dir });
    expect(checked.exitCode).toBe(1);
    expect(orphanLines(checked.stderr)).toEqual([
      'error [stub-orphan] features/customer/wishlist/wishlist.repository.ts: repository stub of a table no longer in section "customer"; edited since it was scaffolded: remove it by hand, or with `sections generate --prune --force`',
      'error [stub-orphan] features/customer/wishlist/wishlist.service.ts: service stub of a table no longer in section "customer"; `sections generate --prune` removes it',
      'error [stub-orphan] features/vendor/inventory/inventory.repository.ts: repository stub of a table no longer in section "vendor"; `sections generate --prune` removes it',
      'error [stub-orphan] features/vendor/inventory/inventory.service.ts: service stub of a table no longer in section "vendor"; `sections generate --prune` removes it',
    ]);

    const pruned = await runCli(['generate', '--prune'], { cwd: project.dir });
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain('removed features/vendor/inventory/inventory.service.ts (the stub of a table no longer in its section)');
    expect(pruned.stderr).toContain(`${edited} is the repository stub of a table no longer in the section; kept, since it was edited`);
    expect(['features/customer/wishlist/wishlist.service.ts', 'features/vendor/inventory/inventory.repository.ts', 'features/vendor/inventory/inventory.service.ts'].filter((file) => project.exists(file))).toEqual([]);
    expect(project.read(edited)).toContain('// our own query');
    expect(orphanLines((await runCli(['check'], { cwd: project.dir })).stderr)).toHaveLength(1);

    const forced = await runCli(['generate', '--prune', '--force'], { cwd: project.dir });
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(project.exists(edited)).toBe(false);
    const clean = await runCli(['check'], { cwd: project.dir });
    expect(clean.exitCode, clean.stderr).toBe(0);
  });
  it('a file at a stub\'s path without the "Scaffolded by" line is yours: never reported, never pruned, not even with --force', async () => {
    const project = createTempProject({ files: sampleFiles() });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    const yours = 'features/vendor/inventory/inventory.repository.ts';
    project.write(yours, '// written by hand: stock counts from the warehouse API\nexport const inventory = () => [];\n');

    // vendor_inventory is dropped: its service stub is an orphan, the hand-written file is not.
    project.write('db/vendor/schema.ts', VENDOR_SCHEMA.slice(0, VENDOR_SCHEMA.indexOf('export const vendorInventory')));
    project.write('sections.config.ts', SAMPLE_CONFIG.replace("features: './features',", "features: './features',\n  lint: { rules: { 'ban-drop-table': 'off' } },"));
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    expect(orphanLines((await runCli(['check'], { cwd: project.dir })).stderr)).toEqual([
      'error [stub-orphan] features/vendor/inventory/inventory.service.ts: service stub of a table no longer in section "vendor"; `sections generate --prune` removes it',
    ]);

    const forced = await runCli(['generate', '--prune', '--force'], { cwd: project.dir });
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(project.exists('features/vendor/inventory/inventory.service.ts')).toBe(false);
    expect(project.read(yours)).toBe('// written by hand: stock counts from the warehouse API\nexport const inventory = () => [];\n');
    expect((await runCli(['check'], { cwd: project.dir })).exitCode).toBe(0);
  });
});
