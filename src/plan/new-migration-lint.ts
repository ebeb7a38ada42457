import { parseInWorker } from '../lint/parse-in-worker.js';
import { lintMigrations, type LintOutcome, type RuleSettings } from '../lint/lint-migrations.js';
import { lintProjectOf } from '../lint/lint-project.js';
import { columnTypesOf } from '../lint/run-lint.js';
import { renderNoTransactionMigration, splitSafeMigration } from '../lint/split-safe-migration.js';
import type { PlannedMigration } from '../migrations/plan-migration.js';
import type { PgSnapshot } from '../migrations/snapshot.js';
import { splitPlannedMigration } from '../migrations/split-migration.js';
import type { ProjectModel } from '../model/project-model.js';

export interface NewMigrationLintOptions {
  readonly model: ProjectModel;
  readonly settings: RuleSettings;
  /** The snapshot the migration was diffed from: the column types before it. */
  readonly previous: PgSnapshot;
  /** Shows a migration's file in messages. */
  readonly shownAs: (file: string) => string;
}

/**
 * `generate --safe`: the planned migration's index creations on existing tables move into a
 * second migration that builds them CONCURRENTLY outside a transaction (what the lint's
 * require-concurrent-index-creation asks for). Without anything to move, the migration as it was.
 */
export async function splitForSafety(migration: PlannedMigration, shownAs: (file: string) => string): Promise<readonly PlannedMigration[]> {
  const [parsed] = await parseInWorker([source(migration, shownAs)]);
  const split = splitSafeMigration(parsed!);
  if (!split) return [migration];
  const kept = new Set(split.main.map(bare));
  return splitPlannedMigration(migration, (statement) => kept.has(bare(statement)), { name: `${migration.tag.split('_').slice(1).join('_')}_indexes`, sql: renderNoTransactionMigration(split.concurrent) });
}

/** The lint findings on the migrations `generate` is about to write, with PostgreSQL's parser (on a worker thread). */
export async function lintNewMigrations(migrations: readonly PlannedMigration[], options: NewMigrationLintOptions): Promise<LintOutcome> {
  const parsed = await parseInWorker(migrations.map((migration) => source(migration, options.shownAs)));
  const before = columnTypesOf(options.previous);
  return lintMigrations(parsed, lintProjectOf(options.model), options.settings, new Map(migrations.map((migration) => [migration.tag, before])));
}

function source(migration: PlannedMigration, shownAs: (file: string) => string) {
  const file = migration.files[0]!.path;
  return { tag: migration.tag, file, shownAs: shownAs(file), sql: migration.sql };
}

/** A statement as the parser and drizzle-kit both give it: without its semicolon and surrounding space. */
const bare = (statement: string) => statement.trim().replace(/;$/, '').trim();
