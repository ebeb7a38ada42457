import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { MigrationFolder } from '../migrations/migration-folder.js';
import type { LedgerRow, StateRow } from './ledger.js';

export type MigrationStatus = 'applied' | 'pending' | 'modified' | 'failed' | 'missing-locally';

export interface MigrationState {
  readonly tag: string;
  readonly file: string | null;
  readonly when: number;
  readonly status: MigrationStatus;
  /** Pending, but older than the newest applied migration (e.g. merged from a branch). */
  readonly outOfOrder: boolean;
  readonly detail: string | null;
}

export function hashSql(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** A checkout with other line endings than the applied file is not a modification. */
export function sameMigration(recordedHash: string, sql: string): boolean {
  const lf = sql.replace(/\r\n/g, '\n');
  return [sql, lf, lf.replace(/\n/g, '\r\n')].some((variant) => hashSql(variant) === recordedHash);
}

/**
 * Where the database stands against the folder. A migration is identified by its journal `when`
 * (drizzle's ledger stores nothing else), and pending by absence from the ledger, not by being
 * newer than the last applied one as drizzle's migrator decides.
 */
export function computeMigrationStates(folder: MigrationFolder, applied: readonly LedgerRow[], states: readonly StateRow[]): MigrationState[] {
  const newestApplied = Math.max(-Infinity, ...applied.map((row) => row.createdAt));
  const result: MigrationState[] = folder.migrations.map((migration) => {
    const { tag, when } = migration.entry;
    const file = migration.sqlFile;
    const recorded = applied.find((row) => row.createdAt === when);
    const state = states.find((row) => row.tag === tag);
    if (state) {
      return { tag, file, when, status: 'failed', outOfOrder: false, detail: state.status === 'running' ? 'stopped midway (outside a transaction)' : state.error };
    }
    if (recorded) {
      if (migration.sql === undefined) return { tag, file, when, status: 'missing-locally', outOfOrder: false, detail: `${basename(file)} is missing` };
      if (!sameMigration(recorded.hash, migration.sql)) {
        return { tag, file, when, status: 'modified', outOfOrder: false, detail: `${basename(file)} changed after it was applied` };
      }
      return { tag, file, when, status: 'applied', outOfOrder: false, detail: null };
    }
    if (migration.sql === undefined) return { tag, file, when, status: 'missing-locally', outOfOrder: false, detail: `the journal lists it but ${basename(file)} is missing` };
    return { tag, file, when, status: 'pending', outOfOrder: when < newestApplied, detail: null };
  });
  const known = new Set(folder.migrations.map((migration) => migration.entry.when));
  for (const row of applied) {
    if (!known.has(row.createdAt)) {
      result.push({ tag: `(applied at ${row.createdAt})`, file: null, when: row.createdAt, status: 'missing-locally', outOfOrder: false, detail: 'applied to the database but not in the journal' });
    }
  }
  return result;
}
