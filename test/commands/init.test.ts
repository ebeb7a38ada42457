import { execa } from 'execa';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { init } from '../../src/commands/init.js';
import { failingOnRename } from '../helpers/failing-fs.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT } from '../helpers/temp-project.js';

const SCHEMAS = 'src/shared/database/schemas';

// The example's vendor table, in the shape add-table writes.
const EXAMPLE_VENDOR_PROFILE = `export const vendorProfiles = pgTable('vendor_profile', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  publicId: uuid('public_id').notNull().unique().default(sql\`gen_random_uuid()\`),
  businessName: text('business_name').notNull(),
  businessType: text('business_type').notNull(),
  contactEmail: text('contact_email').notNull(),
  isVerified: boolean('is_verified').default(false).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull(),
});
`;

describe('sections init', () => {
  it('--example writes three sections with a table each, which generate and drizzle-kit\'s own config both accept', async () => {
    const project = createTempProject();
    const result = await runCli(['init', '--example'], { cwd: project.dir });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(Object.keys(project.snapshot()).sort()).toEqual([
      '.gitignore',
      'drizzle.config.ts',
      'package.json',
      'sections.config.ts',
      `${SCHEMAS}/core/drizzle-schema.ts`,
      `${SCHEMAS}/customer/drizzle-schema.ts`,
      `${SCHEMAS}/vendor/drizzle-schema.ts`,
      'tsconfig.json',
    ]);
    expect(project.read(`${SCHEMAS}/vendor/drizzle-schema.ts`).endsWith(`\n\n${EXAMPLE_VENDOR_PROFILE}`)).toBe(true);
    expect(JSON.parse(project.read('package.json')).scripts).toEqual({ 'db:generate': 'sections generate', 'db:migrate': 'sections migrate', 'db:check': 'sections check' });

    const generated = await runCli(['generate'], { cwd: project.dir });
    expect(generated.stderr).toBe('');
    expect(generated.exitCode).toBe(0);
    expect(project.read(`${SCHEMAS}/core/kysely-types.ts`)).toMatch(/export interface DB \{\n {2}manufacturer: Manufacturer;\n\}/);
    expect(project.read(`${SCHEMAS}/vendor/kysely-types.ts`)).toMatch(/export interface DB \{\n {2}vendorProfile: VendorProfile;\n\}/);
    expect(project.read(`${SCHEMAS}/customer/kysely-types.ts`)).toMatch(/export interface DB \{\n {2}customerProfile: CustomerProfile;\n\}/);

    // drizzle.config.ts sees every section's schema and the same migrations folder: nothing left to generate.
    const kit = await execa(join(REPO_ROOT, 'node_modules', '.bin', 'drizzle-kit'), ['generate', '--config', 'drizzle.config.ts'], { cwd: project.dir, reject: false, stdin: 'ignore' });
    expect(kit.exitCode).toBe(0);
    expect(kit.stdout).toContain('3 tables');
    expect(kit.stdout).toContain('No schema changes, nothing to migrate');
  });

  it('adds the scripts and "type": "module" to an existing package.json, changing nothing else', async () => {
    const manifest = { name: 'shop', version: '1.2.3', scripts: { build: 'tsc', 'db:check': 'sections check' }, dependencies: { pg: '^8' } };
    const project = createTempProject({ files: { 'package.json': `${JSON.stringify(manifest, null, 4)}\n` } });
    const result = await runCli(['init', '--sections', 'core'], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('updated package package.json');
    expect(result.stdout).toContain('set "type": "module" in package.json');
    const expected = { ...manifest, type: 'module', scripts: { build: 'tsc', 'db:check': 'sections check', 'db:generate': 'sections generate', 'db:migrate': 'sections migrate' } };
    expect(project.read('package.json')).toBe(`${JSON.stringify(expected, null, 4)}\n`);
  });

  it('refuses to overwrite anything, with exit 2 and the tree byte-identical', async () => {
    const cases: [Record<string, string>, RegExp, string[]?][] = [
      [{ 'sections.config.json': '{}' }, /^error sections\.config\.json already exists; init writes only into a project without sections \(nothing was written\)$/],
      [{ 'drizzle.config.ts': 'export default {};' }, /^error drizzle\.config\.ts already exists/],
      [{ [`${SCHEMAS}/vendor/drizzle-schema.ts`]: '// mine' }, /^error src\/shared\/database\/schemas\/vendor\/drizzle-schema\.ts already exists/],
      [{ 'package.json': '{ "scripts": { "db:generate": "drizzle-kit generate" } }' }, /^error package\.json: scripts\.db:generate already exists \("drizzle-kit generate"\); remove or rename it first$/],
      [{ 'package.json': '{ nope' }, /^error package\.json: not valid JSON/],
      [{}, /^error init needs your sections: --sections <a,b,...> \(e\.g\. --sections core,billing\), --empty \(add them later with `sections add-section <name>`\), or --example$/, []],
      [{}, /^error --sections and --empty exclude each other; give one$/, ['--sections', 'core', '--empty']],
      [{}, /^error --sections 'core,,billing': an empty name; separate names with commas/, ['--sections', 'core,,billing']],
      [{}, /^error --sections 'core,core': "core" is named twice$/, ['--sections', 'core,core']],
      [{}, /^error section name "Core": use an identifier/, ['--sections', 'Core']],
      [{}, /^error section name "pool": connections\/pool\.ts is shared by every section; pick another name$/, ['--sections', 'core,pool']],
      [{ [`${SCHEMAS}/billing/drizzle-schema.ts`]: '// mine' }, /^error src\/shared\/database\/schemas\/billing\/drizzle-schema\.ts already exists/, ['--sections', 'core,billing']],
    ];
    for (const [files, message, args = ['--example']] of cases) {
      const project = createTempProject({ files });
      const before = project.snapshot();
      const result = await runCli(['init', ...args], { cwd: project.dir });
      expect({ files, exitCode: result.exitCode }).toEqual({ files, exitCode: 2 });
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
      expect(project.snapshot()).toEqual(before);
    }
  });

  it('--dry-run lists every file and writes nothing', async () => {
    const project = createTempProject({ files: { 'package.json': '{}\n' } });
    const result = await runCli(['init', '--example', '--dry-run'], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('would be created config sections.config.ts');
    expect(result.stdout).toContain('would be updated package package.json');
    expect(result.stdout).toContain('would set "type": "module" in package.json');
    expect(result.stdout).toContain('would be created tsconfig tsconfig.json');
    expect(result.stdout).toContain('would be created gitignore .gitignore');
    expect(project.snapshot()).toEqual({ 'package.json': '{}\n' });
  });

  it('a write failing between two files leaves every original byte-identical', async () => {
    const project = createTempProject({ files: { 'package.json': '{\n  "name": "shop"\n}\n', 'README.md': 'hello\n' } });
    const before = project.snapshot();
    const failing = failingOnRename(4);
    await expect(init({ cwd: project.dir, sections: { kind: 'example' }, fs: failing })).rejects.toThrow(/\(ENOSPC\); every file was left as it was/);
    expect(failing.renames()).toBe(4);
    expect(project.snapshot()).toEqual(before);
  });

  it('--sections: empty schema modules, no tables; add-table waits for generate until every section has one', async () => {
    const project = createTempProject();
    const result = await runCli(['init', '--sections', 'core,billing'], { cwd: project.dir });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe("next add a table: sections add-table core <table> --column 'name:text:notnull', then `sections generate`");
    expect(project.read(`${SCHEMAS}/billing/drizzle-schema.ts`)).toBe(
      '// Tables of section "billing": every table exported here belongs to it. Add one with `sections add-table billing <table>`.\nimport { pgTable } from \'drizzle-orm/pg-core\';\n',
    );
    expect(project.read('sections.config.ts')).toContain("import type { SectionsConfig } from 'drizzle-sections';");
    expect(project.read('.gitignore')).toBe('.sections/\n');
    expect(JSON.parse(project.read('package.json'))).toMatchObject({ type: 'module' });
    expect(JSON.parse(project.read('tsconfig.json')).compilerOptions).toMatchObject({ module: 'NodeNext', moduleResolution: 'NodeNext', strict: true });

    const first = await runCli(['add-table', 'core', 'customer', '--column', 'name:text:notnull'], { cwd: project.dir });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('next generate waits until every section has a table: add one to "billing", then run `sections generate`');
    expect(project.exists('src/shared/database/migrations')).toBe(false);
    const second = await runCli(['add-table', 'billing', 'invoice', '--column', 'customer_public_id:uuid:notnull'], { cwd: project.dir });
    expect(second.stderr).toBe('');
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toMatch(/^migration src\/shared\/database\/migrations\/0000_add_invoice\.sql created \(\d+ statements\)$/m);
    expect(project.read(`${SCHEMAS}/core/kysely-types.ts`)).toContain('  customer: Customer;');
  });

  it('keeps .gitignore\'s lines and adds .sections/ once; says what to change in a CommonJS package or tsconfig', async () => {
    const project = createTempProject({
      files: {
        '.gitignore': 'node_modules\r\ndist',
        'package.json': '{ "name": "api", "type": "commonjs" }\n',
        'tsconfig.json': '{\n  // CommonJS, as npm init and tsc --init leave it\n  "compilerOptions": { "module": "commonjs", "strict": true }\n}\n',
      },
    });
    const result = await runCli(['init', '--sections', 'core'], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(project.read('.gitignore')).toBe('node_modules\r\ndist\r\n.sections/\r\n');
    expect(JSON.parse(project.read('package.json')).type).toBe('commonjs');
    expect(project.read('tsconfig.json')).toContain('"module": "commonjs"');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'warning package.json has "type": "commonjs", but the scaffolds are ES modules: set "type": "module"',
      'warning tsconfig.json has "module": "CommonJS", "moduleResolution": unset, which cannot compile the scaffolds (ES modules importing \'./x.js\'): set "module" and "moduleResolution" to "NodeNext", or "moduleResolution" to "Bundler" if a bundler builds your code',
    ]);

    const again = createTempProject({
      files: {
        '.gitignore': 'node_modules/\n/.sections\n',
        'tsconfig.base.json': '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }',
        'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      },
    });
    const quiet = await runCli(['init', '--sections', 'core'], { cwd: again.dir });
    expect(quiet.stderr).toBe('');
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).not.toContain('.gitignore');
    expect(quiet.stdout).not.toContain('tsconfig');
    expect(again.read('.gitignore')).toBe('node_modules/\n/.sections\n');
  });

  it('--empty: no sections; commands that need one say how to add it, and add-section adds the first where init would have', async () => {
    const project = createTempProject();
    const result = await runCli(['init', '--empty'], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('next add a section: sections add-section <name>');
    const generate = await runCli(['generate'], { cwd: project.dir });
    expect(generate.exitCode).toBe(2);
    expect(generate.stderr).toBe('error sections.config.ts has no sections yet; add one with `sections add-section <name>`');

    const added = await runCli(['add-section', 'core'], { cwd: project.dir });
    expect(added.stderr).toBe('');
    expect(added.exitCode).toBe(0);
    expect(project.read('sections.config.ts')).toContain(
      "sections: { core: { schema: './src/shared/database/schemas/core/drizzle-schema.ts', types: './src/shared/database/schemas/core/kysely-types.ts' } },",
    );
    expect(project.read('drizzle.config.ts')).toContain("schema: [ './src/shared/database/schemas/core/drizzle-schema.ts' ],");
    expect((await runCli(['add-table', 'core', 'customer', '--column', 'name:text:notnull'], { cwd: project.dir })).exitCode).toBe(0);
    expect(project.exists('src/shared/database/connections/core.ts')).toBe(true);
  });
});
