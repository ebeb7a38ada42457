import { createTempProject, type TempProject } from '../helpers/temp-project.js';

export interface HandMigration {
  readonly tag: string;
  readonly when: number;
  readonly sql: string;
}

/** A project whose migrations folder is written by hand: migrate must not depend on generate. */
export function migrationProject(migrations: readonly HandMigration[]): TempProject {
  const project = createTempProject({
    files: {
      'sections.config.ts': `export default { migrations: './db/migrations', sections: { core: { schema: './db/core/schema.ts', types: './db/core/types.ts' } } };\n`,
      'db/core/schema.ts': `export {};\n`,
    },
  });
  writeMigrations(project, migrations);
  return project;
}

export function writeMigrations(project: TempProject, migrations: readonly HandMigration[]): void {
  const entries = migrations.map((migration, idx) => ({ idx, version: '7', when: migration.when, tag: migration.tag, breakpoints: true }));
  project.write('db/migrations/meta/_journal.json', JSON.stringify({ version: '7', dialect: 'postgresql', entries }, null, 2));
  for (const migration of migrations) project.write(`db/migrations/${migration.tag}.sql`, migration.sql);
}

export const M1: HandMigration = { tag: '0000_first', when: 1_700_000_000_000, sql: 'CREATE TABLE "a" ("id" serial PRIMARY KEY);--> statement-breakpoint\nINSERT INTO "a" DEFAULT VALUES;' };
export const M2: HandMigration = { tag: '0001_second', when: 1_700_000_100_000, sql: 'CREATE TABLE "b" ("id" serial PRIMARY KEY);' };
export const M3: HandMigration = { tag: '0002_third', when: 1_700_000_200_000, sql: 'CREATE TABLE "c" ("id" serial PRIMARY KEY);' };
