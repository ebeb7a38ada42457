import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { MigrationFolder } from './migration-folder.js';
import { hashMigration, parseSumFile, SUM_FILE_NAME } from './sum-file.js';

export type FolderIssueKind = 'missing-sql' | 'missing-snapshot' | 'unlisted-sql' | 'duplicate-index' | 'edited' | 'sum-unreadable' | 'merge-conflict';

export interface FolderIssue {
  readonly kind: FolderIssueKind;
  readonly file: string;
  readonly message: string;
}

const REBASE_HINT = 'run `sections generate --rebase` to renumber this branch\'s migrations after the others and regenerate them';

/** Everything wrong with the migrations folder itself, independent of the schemas. */
export function inspectMigrationFolder(folder: MigrationFolder, sumText: string | undefined): FolderIssue[] {
  const issues: FolderIssue[] = [];
  for (const migration of folder.migrations) {
    if (migration.sql === undefined) {
      issues.push({
        kind: 'missing-sql',
        file: migration.sqlFile,
        message: `the journal lists "${migration.entry.tag}" but ${basename(migration.sqlFile)} is missing; restore it (e.g. \`git checkout -- ${basename(migration.sqlFile)}\` in the migrations folder)`,
      });
    } else if (hasConflictMarkers(migration.sql)) {
      issues.push({
        kind: 'merge-conflict',
        file: migration.sqlFile,
        message: `${basename(migration.sqlFile)} holds merge conflict markers (two branches wrote a migration of this name); keep the version of the branch you merge into, which may be applied already, then run \`sections generate\``,
      });
    }
  }
  const last = folder.migrations.at(-1);
  if (last && !existsSync(last.snapshotFile)) {
    issues.push({ kind: 'missing-snapshot', file: last.snapshotFile, message: `the snapshot of the last migration "${last.entry.tag}" is missing` });
  }
  for (const file of folder.unlistedSqlFiles) {
    issues.push({ kind: 'unlisted-sql', file, message: `${basename(file)} is not in meta/_journal.json (a migration from another branch?); ${REBASE_HINT}` });
  }
  const byIndex = new Map<string, string[]>();
  const files = [...folder.migrations.map((migration) => basename(migration.sqlFile)), ...folder.unlistedSqlFiles.map((file) => basename(file))];
  for (const file of files) {
    const index = file.split('_')[0]!;
    byIndex.set(index, [...(byIndex.get(index) ?? []), file]);
  }
  for (const [index, sharing] of byIndex) {
    if (sharing.length > 1) {
      issues.push({ kind: 'duplicate-index', file: `${folder.dir}/${sharing[1]}`, message: `migrations ${sharing.join(' and ')} share index ${index}; ${REBASE_HINT}` });
    }
  }
  if (sumText !== undefined) {
    const entries = parseSumFile(sumText);
    if (!entries) {
      issues.push({ kind: 'sum-unreadable', file: `${folder.dir}/${SUM_FILE_NAME}`, message: `${SUM_FILE_NAME} is not a valid sum file (a merge conflict?); ${REBASE_HINT}` });
    } else {
      for (const migration of folder.migrations) {
        const recorded = entries.find((entry) => entry.file === basename(migration.sqlFile));
        if (recorded && migration.sql !== undefined && !hasConflictMarkers(migration.sql) && recorded.hash !== hashMigration(migration.sql)) {
          issues.push({
            kind: 'edited',
            file: migration.sqlFile,
            message:
              `${basename(migration.sqlFile)} was edited after it was generated (its hash differs from ${SUM_FILE_NAME}); undo the edit, or accept it with \`sections generate --rehash\`; ` +
              'if a merge brought this branch\'s migration under the same name, keep the version of the branch you merge into, then run `sections generate`',
          });
        }
      }
    }
  }
  return issues;
}

/** Lines git leaves in a file it could not merge. */
function hasConflictMarkers(text: string): boolean {
  return /^(<{7}|>{7}) /m.test(text) && /^={7}\r?$/m.test(text);
}
