import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';
import { sampleFiles } from './sample-project.js';

const HELPER = `import { timestamp } from 'drizzle-orm/pg-core';\nexport const timestamps = { createdAt: timestamp('created_at').defaultNow().notNull() };\n`;
const VENDOR = `import { pgTable, serial, text } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
export const vendorProfiles = pgTable('vendor_profile', { id: serial('id').primaryKey(), businessName: text('business_name').notNull(), ...timestamps });
`;

interface Json {
  usedDatabase: boolean;
  migration: { tag: string } | null;
}

describe('an unchanged tree is answered without loading schemas or booting a database', () => {
  it('a rerun takes the fast path; a change in a file the schema imports is still seen', async () => {
    const project = createTempProject({ files: sampleFiles({ 'db/vendor/schema.ts': VENDOR, 'db/vendor/columns.ts': HELPER }) });
    const first = await runCli(['--json', 'generate'], { cwd: project.dir });
    expect(first.exitCode, first.stderr).toBe(0);

    const rerun = JSON.parse((await runCli(['--json', 'generate'], { cwd: project.dir })).stdout) as Json;
    expect(rerun.migration).toBeNull();
    expect(rerun.usedDatabase).toBe(false);

    project.write('db/vendor/columns.ts', HELPER.replace("notNull() }", "notNull(), updatedAt: timestamp('updated_at') }"));
    const changed = JSON.parse((await runCli(['--json', 'generate'], { cwd: project.dir })).stdout) as Json;
    expect(changed.migration?.tag).toBe('0001_vendor');
    expect(project.read('db/vendor/types.ts')).toContain('updatedAt: Timestamp | null;');
  });

  it('an output edited behind its back is noticed by check even after a clean run', async () => {
    const project = createTempProject({ files: sampleFiles() });
    expect((await runCli(['generate'], { cwd: project.dir })).exitCode).toBe(0);
    expect((await runCli(['check'], { cwd: project.dir })).exitCode).toBe(0);
    project.write('db/core/types.ts', `${project.read('db/core/types.ts')}// edited\n`);
    const result = await runCli(['check'], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('[types-stale]');
  });

  it('the cache holds the transpiled schemas and the resolved config, but never a database password', async () => {
    const config = sampleFiles()['sections.config.ts']!.replace(
      "migrations: './db/migrations',",
      "migrations: './db/migrations',\n  database: { url: 'postgres://app:canary-p%40ss@db.example:5432/app' },",
    );
    const project = createTempProject({ files: sampleFiles({ 'sections.config.ts': config }) });
    const env = { SECTIONS_CACHE_DIR: project.path('.cache') };
    expect((await runCli(['generate'], { cwd: project.dir, env })).exitCode).toBe(0);
    const rerun = JSON.parse((await runCli(['--json', 'generate'], { cwd: project.dir, env })).stdout) as Json;
    expect(rerun.usedDatabase).toBe(false);
    expect((await runCli(['check'], { cwd: project.dir, env })).exitCode).toBe(0);

    const cached = readdirSync(project.path('.cache'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(cached.some((entry) => entry.parentPath.endsWith(`${sep}jiti`) && entry.name.includes('schema'))).toBe(true);
    const stamps = cached.filter((entry) => entry.name.startsWith('stamp-'));
    expect(stamps).toHaveLength(1);
    expect(readFileSync(join(stamps[0]!.parentPath, stamps[0]!.name), 'utf8')).toContain('"migrationsDir"');
    // What sections writes itself; jiti's transpiled copy of the config holds whatever the config file does.
    for (const entry of cached.filter((file) => !file.parentPath.includes('pglite-') && !file.parentPath.endsWith(`${sep}jiti`))) {
      expect(readFileSync(join(entry.parentPath, entry.name), 'latin1'), entry.name).not.toContain('canary');
    }
  });
});
