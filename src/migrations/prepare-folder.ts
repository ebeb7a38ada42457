import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UserError } from '../errors.js';
import { branchMigrations, inspectMigrationFolder } from './folder-integrity.js';
import { readMigrationFolder, type MigrationFolder } from './migration-folder.js';
import { sumFilePath } from './sum-file.js';

export interface PreparedFolder {
  /** The folder to build on: with --rebase, without the migrations that will be regenerated. */
  readonly folder: MigrationFolder;
  /** Files --rebase removes (absolute paths). */
  readonly deletions: readonly string[];
  /** The name the regenerated migration takes from the ones it replaces. */
  readonly rebasedName: string | undefined;
}

/**
 * Reads the folder and refuses to build on a broken one: a migration edited after generation
 * (unless --rehash), or migrations from another branch's numbering (unless --rebase, which takes
 * them out so they are regenerated after the others).
 */
export async function prepareFolder(
  migrationsDir: string,
  options: { readonly rehash: boolean; readonly rebase: boolean },
): Promise<PreparedFolder> {
  const read = await readMigrationFolder(migrationsDir);
  const sumText = await readFile(sumFilePath(read.dir), 'utf8').catch(() => undefined);
  const issues = inspectMigrationFolder(read, sumText);
  const missing = issues.find((issue) => issue.kind === 'missing-sql' || issue.kind === 'missing-snapshot');
  if (missing) throw new UserError(`${missing.file}: ${missing.message}`);
  const edited = issues.find((issue) => issue.kind === 'edited');
  if (edited && !options.rehash && !options.rebase) throw new UserError(edited.message);
  const branchIssue = issues.find((issue) => issue.kind === 'unlisted-sql' || issue.kind === 'duplicate-index' || issue.kind === 'sum-unreadable');
  if (!options.rebase) {
    if (branchIssue) throw new UserError(branchIssue.message);
    return { folder: read, deletions: [], rebasedName: undefined };
  }
  const branch = branchMigrations(read);
  const removed = [...branch.entries.map((entry) => entry.sqlFile), ...branch.unlisted];
  const kept = read.migrations.filter((migration) => !branch.entries.includes(migration));
  const folder: MigrationFolder = {
    ...read,
    journal: { ...read.journal, entries: kept.map((migration) => migration.entry) },
    migrations: kept,
    unlistedSqlFiles: [],
  };
  const lastIdx = kept.at(-1)?.entry.idx ?? -1;
  const staleSnapshots = branch.unlisted
    .map((file) => basename(file).split('_')[0]!)
    .filter((prefix) => Number(prefix) > lastIdx + 1)
    .map((prefix) => join(read.dir, 'meta', `${prefix}_snapshot.json`));
  const names = removed.map((file) => basename(file, '.sql').split('_').slice(1).join('_')).filter((name) => name !== '');
  return { folder, deletions: [...removed, ...staleSnapshots], rebasedName: names.length > 0 ? [...new Set(names)].join('_').slice(0, 60) : undefined };
}
