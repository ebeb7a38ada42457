import { describe, expect, it } from 'vitest';
import { addSection } from '../../src/commands/add-section.js';
import { failingOnRename } from '../helpers/failing-fs.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';
import { SAMPLE_CONFIG, sampleFiles } from '../generate/sample-project.js';
import { withoutStyleWarnings } from '../helpers/style-warnings.js';

const DRIZZLE_CONFIG = "export default {\n  dialect: 'postgresql',\n  schema: ['./db/core/schema.ts', './db/vendor/schema.ts', './db/customer/schema.ts'],\n  out: './db/migrations',\n};\n";

describe('sections add-section', () => {
  it('creates the folder beside the others, adds the section to the config and drizzle.config; add-table then fills it', async () => {
    const project = createTempProject({ files: sampleFiles({ 'drizzle.config.ts': DRIZZLE_CONFIG }) });
    const result = await runCli(['add-section', 'billing'], { cwd: project.dir });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('created schema db/billing/schema.ts');
    expect(result.stdout).toContain('updated config sections.config.ts');

    expect(project.read('db/billing/schema.ts')).toBe(
      "// Tables of section \"billing\": every table exported here belongs to it. Add one with `sections add-table billing <table>`.\nimport { pgTable } from 'drizzle-orm/pg-core';\n",
    );
    expect(project.read('sections.config.ts')).toBe(
      SAMPLE_CONFIG.replace("include: 'customer_*|wishlist*' },\n", "include: 'customer_*|wishlist*' },\n    billing: { schema: './db/billing/schema.ts', types: './db/billing/types.ts' },\n"),
    );
    expect(project.read('drizzle.config.ts')).toBe(DRIZZLE_CONFIG.replace("'./db/customer/schema.ts']", "'./db/customer/schema.ts', './db/billing/schema.ts']"));

    const table = await runCli(['add-table', 'billing', 'invoice', '--column', 'total:numeric(12,2):notnull', '--column', 'customer_profile_public_id:uuid:notnull'], { cwd: project.dir });
    // The first migration holds the sample's tables too, with their serial ids: only that advice is printed.
    expect(withoutStyleWarnings(table.stderr)).toBe('');
    expect(table.exitCode).toBe(0);
    expect(project.read('db/billing/schema.ts')).toContain("import { pgTable, bigint, uuid, numeric, timestamp } from 'drizzle-orm/pg-core';\nimport { sql } from 'drizzle-orm';\n\nexport const invoice = pgTable('invoice', {");
    expect(project.read('db/billing/types.ts')).toMatch(/export interface DB \{\n {2}invoice: Invoice;\n\}/);
    expect(project.read('db/migrations/0000_add_invoice.sql')).toContain('CREATE TABLE "invoice"');
  });

  it('every refusal: exit 2, one line, the tree byte-identical', async () => {
    const project = createTempProject({ files: sampleFiles({ 'db/extra/schema.ts': '// someone else\'s\n' }) });
    const before = project.snapshot();
    const cases: [string, RegExp][] = [
      ['a/b', /^error section name "a\/b": no path separators/],
      ['..', /^error section name "\.\.": no path separators, "\.\." or NUL; it names the section's folders$/],
      ['node_modules', /^error section name "node_modules": reserved \(it would name the folder or file of something else\); pick another name$/],
      ['pool', /^error section name "pool": connections\/pool\.ts is shared by every section; pick another name$/],
      ['Billing', /^error section name "Billing": use an identifier/],
      ['2nd', /^error section name "2nd": use an identifier/],
      ['vendor', /^error section "vendor" already exists in sections\.config\.ts$/],
      ['extra', /^error db\/extra\/schema\.ts already exists; add it to sections\.config\.ts by hand or pick another name$/],
    ];
    for (const [name, message] of cases) {
      const result = await runCli(['add-section', name], { cwd: project.dir });
      expect({ name, exitCode: result.exitCode }).toEqual({ name, exitCode: 2 });
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
    }
    expect(project.snapshot()).toEqual(before);
  });

  it('--dry-run lists the plan and writes nothing', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const before = project.snapshot();
    const result = await runCli(['add-section', 'billing', '--dry-run'], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('would be created schema db/billing/schema.ts');
    expect(result.stdout).toContain('would be updated config sections.config.ts');
    expect(project.snapshot()).toEqual(before);
  });

  it('a write failing between the two files leaves every original byte-identical', async () => {
    const project = createTempProject({ files: sampleFiles() });
    const before = project.snapshot();
    const failing = failingOnRename(2);
    await expect(addSection({ cwd: project.dir, name: 'billing', fs: failing })).rejects.toThrow(/sections\.config\.ts \(ENOSPC\); every file was left as it was/);
    expect(failing.renames()).toBe(2);
    expect(project.snapshot()).toEqual(before);
  });
});
