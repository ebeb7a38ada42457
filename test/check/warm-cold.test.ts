import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_SCHEMA, VENDOR_SCHEMA, addCustomMigrations, sampleFiles } from '../generate/sample-project.js';
import { runCli } from '../helpers/run-cli.js';
import { createTempProject, type TempProject } from '../helpers/temp-project.js';

/**
 * `check` must say the same about a tree whatever its cache holds: CI starts cold, a laptop is
 * warm. Each scenario generates a project (warming its cache), changes it, then runs `check --json`
 * with that cache and with an empty one, and compares the two answers whole.
 */
const scenarios: Record<string, (project: TempProject) => void> = {
  'nothing changed': () => undefined,
  'a schema change without a migration': (project) =>
    project.write('db/vendor/schema.ts', VENDOR_SCHEMA.replace("text('business_name').notNull(),", "text('business_name').notNull(),\n  city: text('city'),")),
  'a schema change PostgreSQL refuses': (project) =>
    project.write('db/vendor/schema.ts', VENDOR_SCHEMA.replace("integer('vendor_id').references(() => vendorProfiles.id).notNull()", "text('vendor_id').references(() => vendorProfiles.id).notNull()")),
  'stale types': (project) => project.write('db/core/types.ts', project.read('db/core/types.ts').replace('email: string;', 'email: number;')),
  'missing types': (project) => rmSync(project.path('db/customer/types.ts')),
  'a missing stub': (project) => rmSync(project.path('features/vendor/profile/profile.repository.ts')),
  'a foreign key across sections': (project) =>
    project.write('db/customer/schema.ts', `import { users } from '../core/schema';\n${CUSTOMER_SCHEMA.replace("email: text('email').notNull().unique(),", "email: text('email').notNull().unique(),\n  userId: integer('user_id').references(() => users.id),").replace('import { pgTable,', 'import { integer, pgTable,')}`),
  'an import across sections': (project) => project.write('features/vendor/extra.ts', "import type { DB } from '../../db/core/types';\nexport type X = DB;\n"),
  'an edited migration': (project) => project.write('db/migrations/0000_init.sql', `${project.read('db/migrations/0000_init.sql')}\n--> statement-breakpoint\nCREATE INDEX "extra_idx" ON "part" ("name");`),
  'a committed migration PostgreSQL refuses': (project) => addCustomMigrations(project, ['ALTER TABLE "part" ADD COLUMN "owner_id" integer;']),
  'an unlisted migration': (project) => project.write('db/migrations/0001_stray.sql', 'select 1;'),
  'a missing migration file': (project) => rmSync(project.path('db/migrations/0000_init.sql')),
  'an unreadable sum file': (project) => project.write('db/migrations/sections.sum', '<<<<<<< HEAD\n'),
  'a stale sum file': (project) => project.write('db/migrations/sections.sum', project.read('db/migrations/sections.sum').replace(/^h1:\S+/, 'h1:AAAA')),
};

describe('check says the same with a warm cache and an empty one', () => {
  it.each(Object.entries(scenarios))('%s', async (_name, change) => {
    const project = createTempProject({ files: sampleFiles() });
    const warm = { SECTIONS_CACHE_DIR: project.path('.cache-warm') };
    const generated = await runCli(['generate'], { cwd: project.dir, env: warm });
    expect(generated.exitCode, generated.stderr).toBe(0);
    change(project);
    const whenWarm = await runCli(['--json', 'check'], { cwd: project.dir, env: warm });
    const whenCold = await runCli(['--json', 'check'], { cwd: project.dir, env: { SECTIONS_CACHE_DIR: project.path('.cache-cold') } });
    expect(whenWarm.stderr).toBe('');
    expect(whenCold.stderr).toBe('');
    expect(JSON.parse(whenCold.stdout)).toEqual(JSON.parse(whenWarm.stdout));
    expect(whenCold.exitCode).toBe(whenWarm.exitCode);
  });
});
