import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UserError } from '../errors.js';
import { assertCustomMigrationsWritten } from './custom-migration.js';
import { inspectMigrationFolder } from './folder-integrity.js';
import { readMigrationFolder, type MigrationFolder } from './migration-folder.js';
import { branchMigrations, type RemovedMigration } from './rebase.js';
import { parseSumFile, sumFilePath } from './sum-file.js';

export interface PreparedFolder {
  /** The folder to build on: with --rebase, without the migrations that will be regenerated. */
  readonly folder: MigrationFolder;
  /** Files --rebase removes (absolute paths). */
  readonly deletions: readonly string[];
  /** The migrations --rebase takes out, with their SQL: the regenerated one must keep every statement. */
  readonly removed: readonly RemovedMigration[];
  /** The name the regenerated migration takes from the ones it replaces. */
  readonly rebasedName: string | undefined;
}

/**
 * Reads the folder and refuses to build on a broken one: a migration with merge conflict markers,
 * a migration edited after generation (unless --rehash), a custom migration that took a schema
 * change but holds no SQL yet, or migrations from another branch's
 * numbering (unless --rebase, which takes them out so they are regenerated after the others).
 */
export async function prepareFolder(
  migrationsDir: string,
  options: { readonly rehash: boolean; readonly rebase: boolean },
): Promise<PreparedFolder> {
  const read = await readMigrationFolder(migrationsDir);
  const sumText = await readFile(sumFilePath(read.dir), 'utf8').catch(() => undefined);
  const issues = inspectMigrationFolder(read, sumText);
  const blocking = issues.find((issue) => issue.kind === 'merge-conflict' || issue.kind === 'missing-sql' || issue.kind === 'missing-snapshot');
  if (blocking) throw new UserError(blocking.message);
  const edited = issues.find((issue) => issue.kind === 'edited');
  if (edited && !options.rehash) throw new UserError(edited.message);
  await assertCustomMigrationsWritten(read);
  const branchIssue = issues.find((issue) => issue.kind === 'unlisted-sql' || issue.kind === 'duplicate-index' || issue.kind === 'sum-unreadable');
  if (!options.rebase) {
    if (branchIssue) throw new UserError(branchIssue.message);
    return { folder: read, deletions: [], removed: [], rebasedName: undefined };
  }

  const branch = branchMigrations(read, sumText === undefined ? undefined : parseSumFile(sumText));
  const removed: RemovedMigration[] = [
    ...branch.entries.map((migration) => ({ file: migration.sqlFile, sql: migration.sql })),
    ...(await Promise.all(branch.unlisted.map(async (file) => ({ file, sql: await readFile(file, 'utf8') })))),
  ];
  const kept = read.migrations.slice(0, read.migrations.length - branch.entries.length);
  const folder: MigrationFolder = {
    ...read,
    journal: { ...read.journal, entries: kept.map((migration) => migration.entry) },
    migrations: kept,
    unlistedSqlFiles: [],
  };
  // The regenerated migration takes the next index and writes its snapshot; later ones would be stale.
  const nextIdx = kept.length;
  const staleSnapshots = [...new Set(removed.map(({ file }) => Number(basename(file).split('_')[0])))]
    .filter((idx) => Number.isInteger(idx) && idx > nextIdx)
    .map((idx) => join(read.dir, 'meta', `${String(idx).padStart(4, '0')}_snapshot.json`));
  const names = removed.map(({ file }) => basename(file, '.sql').split('_').slice(1).join('_')).filter((name) => name !== '');
  return {
    folder,
    deletions: [...removed.map(({ file }) => file), ...staleSnapshots],
    removed,
    rebasedName: names.length > 0 ? [...new Set(names)].join('_').slice(0, 60) : undefined,
  };
}
