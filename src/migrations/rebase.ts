import { basename } from 'node:path';
import { UserError } from '../errors.js';
import type { MigrationEntry, MigrationFolder } from './migration-folder.js';
import { splitStatements } from './migration-sql.js';
import type { SumEntry } from './sum-file.js';

/** A migration --rebase takes out to regenerate it after the others. */
export interface RemovedMigration {
  readonly file: string;
  readonly sql: string | undefined;
}

/**
 * The migrations of this branch, as a merge or an interrupted run leaves them: `.sql` files the
 * journal does not list, and journal entries that are not main's. With a readable sections.sum
 * (main's side, as the README's merge steps say) an entry is main's exactly when the sum lists
 * it; without one, the journal's own order tells: from the first entry whose idx is not its
 * position or whose `when` goes back in time, the rest came from elsewhere. Either way they must
 * be the journal's tail: each one's snapshot builds on the one before, so all of them are
 * regenerated together after main's.
 */
export function branchMigrations(folder: MigrationFolder, sum: readonly SumEntry[] | undefined): { readonly entries: readonly MigrationEntry[]; readonly unlisted: readonly string[] } {
  const isMain = sum ? (migration: MigrationEntry) => sum.some((entry) => entry.file === basename(migration.sqlFile)) : undefined;
  const foreign = isMain ? folder.migrations.findIndex((migration) => !isMain(migration)) : firstOutOfOrder(folder.migrations);
  const entries = foreign === -1 ? [] : folder.migrations.slice(foreign);
  const mainAfter = isMain ? entries.find(isMain) : undefined;
  if (mainAfter) {
    throw new UserError(
      `cannot rebase: ${basename(mainAfter.sqlFile)}, which sections.sum lists, comes after this branch's ${basename(entries[0]!.sqlFile)} in meta/_journal.json; ` +
        'take the journal and sections.sum of the branch you merge into, keep every .sql file, then run `sections generate --rebase`',
    );
  }
  return { entries, unlisted: folder.unlistedSqlFiles };
}

function firstOutOfOrder(migrations: readonly MigrationEntry[]): number {
  let latest = -Infinity;
  return migrations.findIndex((migration, position) => {
    const out = migration.entry.idx !== position || migration.entry.when < latest;
    latest = Math.max(latest, migration.entry.when);
    return out;
  });
}

/**
 * A rebase deletes this branch's migrations and writes one regenerated from the schemas. That is
 * only right for what the schemas produce: a statement written by hand (a data fix, a custom
 * migration) would be lost. So every statement of a removed migration must be in the new
 * migration or in one of the migrations kept.
 */
export function assertRebaseKeepsStatements(removed: readonly RemovedMigration[], kept: readonly string[], regenerated: string | undefined): void {
  const produced = new Set([...kept, ...(regenerated === undefined ? [] : [regenerated])].flatMap((sql) => splitStatements(sql).map(normalize)));
  const problems = removed.flatMap(({ file, sql }) => {
    const lost = splitStatements(sql ?? '').filter((statement) => !produced.has(normalize(statement)));
    return lost.length === 0 ? [] : [`${basename(file)}: ${lost.length} statement${lost.length === 1 ? '' : 's'} the schemas do not produce (written by hand?), e.g. ${firstLine(lost[0]!)}`];
  });
  const [first, ...rest] = problems;
  if (first) {
    throw new UserError(`cannot rebase without losing SQL: ${first}`, [
      ...rest,
      'renumber that migration by hand (file name, meta/_journal.json entry after the others, its snapshot), or move the statements into a custom migration after the rebase',
    ]);
  }
}

function normalize(statement: string): string {
  return statement.replace(/\r\n/g, '\n').trim().replace(/;$/, '');
}

function firstLine(statement: string): string {
  const line = statement.split('\n')[0]!;
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}
