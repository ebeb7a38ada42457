import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { PlannedFile } from '../planned-file.js';
import type { Journal } from './migration-folder.js';
import { BREAKPOINT, layOutMigration, type PlannedMigration } from './plan-migration.js';

/**
 * A planned migration written as two (`generate --safe`): the first keeps the statements `kept`
 * says, byte for byte as drizzle-kit wrote them; the second, right after it in the journal, is
 * `second.sql`. Both snapshots are the schema after both (drizzle-kit diffs only against the last).
 */
export function splitPlannedMigration(
  migration: PlannedMigration,
  kept: (statement: string) => boolean,
  second: { readonly name: string; readonly sql: string },
): readonly [PlannedMigration, PlannedMigration] {
  const [sqlFile, snapshotFile, journalFile] = migration.files as [PlannedFile, PlannedFile, PlannedFile];
  const statements = migration.statements.filter(kept);
  const sql = statements.join(BREAKPOINT);
  // The folder as it is once the first is in it: the second is laid out after it, with the journal listing both.
  const withFirst = { dir: dirname(sqlFile.path), journalFile: journalFile.path, journal: JSON.parse(journalFile.content) as Journal };
  const { snapshot } = migration;
  const secondMigration = layOutMigration(withFirst, {
    sections: migration.sections,
    changed: migration.changed,
    name: second.name,
    sql: second.sql,
    statements: [second.sql],
    snapshot: { ...snapshot, id: randomUUID(), prevId: snapshot.id },
    now: withFirst.journal.entries.at(-1)!.when + 1,
  });
  return [{ ...migration, sql, statements, files: [{ ...sqlFile, content: sql }, snapshotFile] }, secondMigration];
}
