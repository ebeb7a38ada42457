import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/** One entry of drizzle-kit's `meta/_journal.json`. */
export interface JournalEntry {
  readonly idx: number;
  readonly version: string;
  readonly when: number;
  readonly tag: string;
  readonly breakpoints: boolean;
}

export interface Journal {
  readonly version: string;
  readonly dialect: string;
  readonly entries: readonly JournalEntry[];
}

/** A migration as the journal lists it, with its SQL if the file exists. */
export interface MigrationEntry {
  readonly entry: JournalEntry;
  /** `<dir>/<tag>.sql` */
  readonly sqlFile: string;
  /** The file's text, or `undefined` when the journal names a file that is not there. */
  readonly sql: string | undefined;
  /** `<dir>/meta/<NNNN>_snapshot.json` */
  readonly snapshotFile: string;
}

/** The unified migrations folder, read once and shared by every command. */
export interface MigrationFolder {
  readonly dir: string;
  readonly journalFile: string;
  /** Empty journal when the folder (or its journal) does not exist yet. */
  readonly journal: Journal;
  readonly migrations: readonly MigrationEntry[];
  /** `.sql` files in the folder that the journal does not list. */
  readonly unlistedSqlFiles: readonly string[];
}

export const EMPTY_JOURNAL: Journal = { version: '7', dialect: 'postgresql', entries: [] };

export function journalPath(dir: string): string {
  return join(dir, 'meta', '_journal.json');
}

/** drizzle-kit names snapshots by the migration's prefix (`0003_snapshot.json`). */
export function snapshotPath(dir: string, tag: string): string {
  return join(dir, 'meta', `${tag.split('_')[0]}_snapshot.json`);
}

export async function readMigrationFolder(dir: string): Promise<MigrationFolder> {
  const journalFile = journalPath(dir);
  const journal = existsSync(journalFile) ? await readJournal(journalFile) : EMPTY_JOURNAL;
  const migrations = await Promise.all(
    journal.entries.map(async (entry): Promise<MigrationEntry> => {
      const sqlFile = join(dir, `${entry.tag}.sql`);
      const sql = existsSync(sqlFile) ? await readFile(sqlFile, 'utf8') : undefined;
      return { entry, sqlFile, sql, snapshotFile: snapshotPath(dir, entry.tag) };
    }),
  );
  const listed = new Set(journal.entries.map((entry) => `${entry.tag}.sql`));
  const unlistedSqlFiles = existsSync(dir)
    ? (await readdir(dir)).filter((name) => name.endsWith('.sql') && !listed.has(name)).sort().map((name) => join(dir, name))
    : [];
  return { dir, journalFile, journal, migrations, unlistedSqlFiles };
}

async function readJournal(file: string): Promise<Journal> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`, [
      'after a merge: take the meta/ folder and sections.sum of the branch you merge into, keep every .sql file, then run `sections generate --rebase`',
    ]);
  }
  const journal = parsed as Partial<Journal>;
  if (!journal || !Array.isArray(journal.entries) || journal.dialect !== 'postgresql') {
    throw new UserError(`${file}: not a drizzle-kit PostgreSQL journal (expected "dialect": "postgresql" and "entries": [...])`);
  }
  for (const [index, entry] of journal.entries.entries()) {
    if (typeof entry?.tag !== 'string' || typeof entry.idx !== 'number' || typeof entry.when !== 'number') {
      throw new UserError(`${file}: entries[${index}] needs "idx", "when" and "tag"`);
    }
  }
  return journal as Journal;
}
