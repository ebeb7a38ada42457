import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { UserError } from '../errors.js';
import type { MigrationFolder } from './migration-folder.js';
import { layOutMigration, type PlannedMigration } from './plan-migration.js';
import { changedTables, emptySnapshot, readSnapshotIfReadable, type PgSnapshot } from './snapshot.js';

/** drizzle-kit's own first line for `generate --custom`, so a folder reads the same whichever tool wrote it. */
const CUSTOM_MIGRATION_HEADER = '-- Custom SQL migration file, put your code below! --\n';

/**
 * `generate --custom`: a migration for SQL drizzle-kit does not generate (functions, policies, a
 * cast with USING, a backfill). Without a schema change, as drizzle-kit does it: the previous
 * snapshot under a new id, declaring no change. With one (`change`, the migration the diff would
 * write), the custom migration takes it: its snapshot is the schemas' as they are now, and
 * drizzle-kit's statements for it are in the file as comments, for the user to write as
 * PostgreSQL accepts them. Either way its SQL is hashed into sections.sum like any other, so an
 * edit needs `generate --rehash`, and every later run executes it on the engine with the rest.
 */
export function planCustomMigration(folder: MigrationFolder, previous: PgSnapshot, name: string, now: number, change: PlannedMigration | undefined): PlannedMigration {
  const generated = change?.statements.flatMap((statement) => statement.trimEnd().split('\n')) ?? [];
  const sql = generated.length === 0
    ? CUSTOM_MIGRATION_HEADER
    : `${CUSTOM_MIGRATION_HEADER}-- It takes the schemas' change of ${change!.changed.join(', ')}, which drizzle-kit would write as below.\n` +
      `-- Write the SQL that makes it (a cast with USING, a backfill); it runs on PostgreSQL with the next \`sections generate --rehash\`.\n` +
      generated.map((line) => `-- ${line}\n`).join('');
  return layOutMigration(folder, {
    name,
    snapshot: change ? change.snapshot : { ...previous, id: randomUUID(), prevId: previous.id },
    statements: [],
    sql,
    sections: change?.sections ?? [],
    changed: change?.changed ?? [],
    now,
  });
}

/**
 * A migration holding no statement whose snapshot changes the schema: a custom migration that
 * took a change nobody wrote yet. Run as it is, the database would lag its snapshot silently (the
 * next diff starts from the snapshot), so it is refused until its SQL is written.
 */
export async function assertCustomMigrationsWritten(folder: MigrationFolder): Promise<void> {
  for (const [index, migration] of folder.migrations.entries()) {
    if (migration.sql === undefined || !holdsNoStatement(migration.sql) || !existsSync(migration.snapshotFile)) continue;
    const before = index === 0 ? emptySnapshot() : await readSnapshotIfReadable(folder.migrations[index - 1]!.snapshotFile);
    const after = await readSnapshotIfReadable(migration.snapshotFile);
    if (!before || !after || sameSchema(before, after)) continue;
    const tables = changedTables(before, after).map(({ from, to }) => (to ?? from)!.name);
    const what = tables.length > 0 ? ` (${tables.join(', ')})` : '';
    throw new UserError(
      `${basename(migration.sqlFile)} holds no SQL, but its snapshot changes the schema${what}: write the statements that make the change (drizzle-kit's are in it as comments), then run \`sections generate --rehash\``,
    );
  }
}

function holdsNoStatement(sql: string): boolean {
  return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

function sameSchema(a: PgSnapshot, b: PgSnapshot): boolean {
  const declared = ({ id: _id, prevId: _prevId, _meta: _ignored, ...rest }: PgSnapshot) => rest;
  return isDeepStrictEqual(declared(a), declared(b));
}
