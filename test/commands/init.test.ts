import { execa } from 'execa';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { init } from '../../src/commands/init.js';
import { failingOnRename } from '../helpers/failing-fs.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, REPO_ROOT } from '../helpers/temp-project.js';

const SCHEMAS = 'src/shared/database/schemas';

// The seed's own vendor table, verbatim from seed-design.md.
const SEED_VENDOR_PROFILE = `export const vendorProfiles = pgTable('vendor_profile', {
  id: serial('id').primaryKey(),
  publicId: uuid('public_id').notNull().unique().default(sql\`gen_random_uuid()\`),
  businessName: varchar('business_name', { length: 200 }).notNull(),
  businessType: varchar('business_type', { length: 50 }).notNull(),
  contactEmail: varchar('contact_email', { length: 255 }).notNull(),
  isVerified: boolean('is_verified').default(false).notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
  updatedAt: timestamp('updated_at').defaultNow().notNull(),
});
`;

describe('sections init', () => {
  it('writes the seed\'s layout, which generate and drizzle-kit\'s own config both accept', async () => {
    const project = createTempProject();
    const result = await runCli(['init'], { cwd: project.dir });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(Object.keys(project.snapshot()).sort()).toEqual([
      'drizzle.config.ts',
      'package.json',
      'sections.config.ts',
      `${SCHEMAS}/core/drizzle-schema.ts`,
      `${SCHEMAS}/customer/drizzle-schema.ts`,
      `${SCHEMAS}/vendor/drizzle-schema.ts`,
    ]);
    expect(project.read(`${SCHEMAS}/vendor/drizzle-schema.ts`).endsWith(`\n\n${SEED_VENDOR_PROFILE}`)).toBe(true);
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

  it('adds the scripts to an existing package.json, changing nothing else', async () => {
    const manifest = { name: 'shop', version: '1.2.3', scripts: { build: 'tsc', 'db:check': 'sections check' }, dependencies: { pg: '^8' } };
    const project = createTempProject({ files: { 'package.json': `${JSON.stringify(manifest, null, 4)}\n` } });
    const result = await runCli(['init'], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('updated package package.json');
    const expected = { ...manifest, scripts: { build: 'tsc', 'db:check': 'sections check', 'db:generate': 'sections generate', 'db:migrate': 'sections migrate' } };
    expect(project.read('package.json')).toBe(`${JSON.stringify(expected, null, 4)}\n`);
  });

  it('refuses to overwrite anything, with exit 2 and the tree byte-identical', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'sections.config.json': '{}' }, /^error sections\.config\.json already exists; init writes only into a project without sections \(nothing was written\)$/],
      [{ 'drizzle.config.ts': 'export default {};' }, /^error drizzle\.config\.ts already exists/],
      [{ [`${SCHEMAS}/vendor/drizzle-schema.ts`]: '// mine' }, /^error src\/shared\/database\/schemas\/vendor\/drizzle-schema\.ts already exists/],
      [{ 'package.json': '{ "scripts": { "db:generate": "drizzle-kit generate" } }' }, /^error package\.json: scripts\.db:generate already exists \("drizzle-kit generate"\); remove or rename it first$/],
      [{ 'package.json': '{ nope' }, /^error package\.json: not valid JSON/],
    ];
    for (const [files, message] of cases) {
      const project = createTempProject({ files });
      const before = project.snapshot();
      const result = await runCli(['init'], { cwd: project.dir });
      expect({ files, exitCode: result.exitCode }).toEqual({ files, exitCode: 2 });
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
      expect(project.snapshot()).toEqual(before);
    }
  });

  it('--dry-run lists every file and writes nothing', async () => {
    const project = createTempProject({ files: { 'package.json': '{}\n' } });
    const result = await runCli(['init', '--dry-run'], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('would be created config sections.config.ts');
    expect(result.stdout).toContain('would be updated package package.json');
    expect(project.snapshot()).toEqual({ 'package.json': '{}\n' });
  });

  it('a write failing between two files leaves every original byte-identical', async () => {
    const project = createTempProject({ files: { 'package.json': '{\n  "name": "shop"\n}\n', 'README.md': 'hello\n' } });
    const before = project.snapshot();
    const failing = failingOnRename(4);
    await expect(init({ cwd: project.dir, fs: failing })).rejects.toThrow(/\(ENOSPC\); every file was left as it was/);
    expect(failing.renames()).toBe(4);
    expect(project.snapshot()).toEqual(before);
  });
});
