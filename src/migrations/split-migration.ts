import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { PlannedFile } from '../planned-file.js';
import type { Journal } from './migration-folder.js';
import { snapshotPath } from './migration-folder.js';
import { BREAKPOINT, type PlannedMigration } from './plan-migration.js';

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
  const journal = JSON.parse(journalFile.content) as Journal;
  const first = journal.entries.at(-1)!;
  const idx = first.idx + 1;
  const tag = `${String(idx).padStart(4, '0')}_${second.name}`;
  const nextJournal: Journal = { ...journal, entries: [...journal.entries, { ...first, idx, tag, when: first.when + 1 }] };
  const { snapshot } = migration;
  const dir = join(sqlFile.path, '..');
  const journalContent = JSON.stringify(nextJournal, null, 2);
  const withJournal = (files: readonly PlannedFile[]) => files.map((file) => (file === journalFile ? { ...file, content: journalContent } : file));
  return [
    { ...migration, sql, statements, files: withJournal([{ ...sqlFile, content: sql }, snapshotFile, journalFile]) },
    {
      ...migration,
      tag,
      sql: second.sql,
      statements: [second.sql],
      files: [
        { ...sqlFile, path: join(dir, `${tag}.sql`), content: second.sql },
        { ...snapshotFile, path: snapshotPath(dir, tag), content: JSON.stringify({ ...snapshot, id: randomUUID(), prevId: snapshot.id }, null, 2) },
      ],
    },
  ];
}
