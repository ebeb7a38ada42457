import type { MigrationEntry, MigrationFolder } from './migration-folder.js';

/** The draft taken out of the folder: the migration is planned again on what is left. */
export interface TakenOutDraft {
  /** The folder without the draft. */
  readonly folder: MigrationFolder;
  /** The draft as it is on disk. */
  readonly draft: MigrationEntry;
  /** Its `.sql` and snapshot: removed unless the rewritten draft writes them again. */
  readonly deletions: readonly string[];
}

/**
 * `generate --watch` keeps one draft migration per session: each save rewrites it instead of
 * adding another. Only while it is still the journal's last entry: once anything came after it
 * (another command, a teammate's merge), it is history like the rest.
 */
export function takeOutDraft(folder: MigrationFolder, tag: string): TakenOutDraft | undefined {
  const draft = folder.migrations.at(-1);
  if (!draft || draft.entry.tag !== tag || folder.unlistedSqlFiles.length > 0) return undefined;
  const kept = folder.migrations.slice(0, -1);
  return {
    folder: { ...folder, journal: { ...folder.journal, entries: kept.map((migration) => migration.entry) }, migrations: kept },
    draft,
    deletions: [draft.sqlFile, draft.snapshotFile],
  };
}
