import { copyFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';
import { CUSTOMER_SCHEMA, SAMPLE_CONFIG, sampleFiles, VENDOR_SCHEMA } from './sample-project.js';

async function expectRefused(project: TempProject, message: string | RegExp) {
  const before = project.snapshot();
  const result = await runCli(['generate'], { cwd: project.dir });
  expect(result.exitCode).toBe(2);
  const firstLine = result.stderr.split('\n')[0]!;
  if (typeof message === 'string') expect(firstLine).toBe(`error ${message}`);
  else expect(firstLine).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(project.snapshot()).toEqual(before);
}

describe('table ownership is derived, and every problem names the section and table', () => {
  it('a table exported by two sections', async () => {
    const project = createTempProject({
      files: sampleFiles({ 'db/customer/schema.ts': `${CUSTOMER_SCHEMA}export { vendorProfiles } from '../vendor/schema.js';\n` }),
    });
    await expectRefused(project, /table "vendor_profile" is exported by sections "vendor" and "customer"; every table belongs to exactly one section/);
  });

  it('a section whose schema exports no table', async () => {
    const project = createTempProject({ files: sampleFiles({ 'db/customer/schema.ts': `export const nothing = 1;\n` }) });
    await expectRefused(project, 'section "customer": db/customer/schema.ts exports no table; add one with `sections add-table customer <table>`');
  });

  it('an include pattern that matches no table', async () => {
    const project = createTempProject({ files: sampleFiles({ 'sections.config.ts': SAMPLE_CONFIG.replace("include: 'vendor_*'", "include: 'vendr_*'") }) });
    await expectRefused(project, /section "vendor": include pattern "vendr_\*" matches no table/);
  });

  it('an include pattern that misses one of its own tables', async () => {
    const project = createTempProject({ files: sampleFiles({ 'sections.config.ts': SAMPLE_CONFIG.replace("include: 'customer_*|wishlist*'", "include: 'customer_*'") }) });
    await expectRefused(project, 'section "customer": include pattern "customer_*" misses its own table "wishlist"');
  });

  it("an include pattern that matches another section's table", async () => {
    const project = createTempProject({ files: sampleFiles({ 'sections.config.ts': SAMPLE_CONFIG.replace("include: 'vendor_*'", "include: 'vendor_*|part'") }) });
    await expectRefused(project, 'section "vendor": include pattern "vendor_*|part" matches table "part" of section "core"');
  });

  it('a schema module that does not load', async () => {
    const project = createTempProject({ files: sampleFiles({ 'db/vendor/schema.ts': `${VENDOR_SCHEMA}\nexport const broken = ;\n` }) });
    await expectRefused(project, /^error db\/vendor\/schema\.ts: cannot load the schema of section "vendor": /);
  });

  it('a table created by hand-written SQL that no section owns, until the config assigns it', async () => {
    const project = createTempProject({ files: sampleFiles() });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    // A custom migration, as `drizzle-kit generate --custom` lays it out.
    project.write('db/migrations/0001_legacy.sql', 'CREATE TABLE "legacy_audit" ("id" integer);');
    copyFileSync(project.path('db/migrations/meta/0000_snapshot.json'), project.path('db/migrations/meta/0001_snapshot.json'));
    const journal = JSON.parse(project.read('db/migrations/meta/_journal.json'));
    journal.entries.push({ idx: 1, version: '7', when: Date.now(), tag: '0001_legacy', breakpoints: true });
    project.write('db/migrations/meta/_journal.json', JSON.stringify(journal, null, 2));

    await expectRefused(
      project,
      'table "legacy_audit" exists after the migrations but no section owns it; export it from a section\'s schema or list it in that section\'s extraTables',
    );

    project.write('sections.config.ts', SAMPLE_CONFIG.replace("include: 'vendor_*' }", "include: 'vendor_*', extraTables: ['legacy_audit'] }").replace("include: 'vendor_*'", "include: '@(vendor_*|legacy_*)'"));
    const assigned = await runCli(['generate'], { cwd: project.dir });
    expect(assigned.stderr).toBe('');
    expect(assigned.exitCode).toBe(0);
    expect(project.read('db/vendor/types.ts')).toContain('legacyAudit: LegacyAudit;');
  });
});
