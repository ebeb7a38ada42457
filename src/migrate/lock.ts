import { OperationError } from '../errors.js';
import type { Database } from '../database/database.js';

/**
 * The advisory lock every `sections migrate` takes: the ASCII bytes of "sections" as a bigint.
 * Other tools can take it too, to keep out of a running migration.
 */
export const MIGRATION_LOCK_KEY = '8315163397637778035';

const POLL_MS = 200;

/**
 * Polls `pg_try_advisory_lock` instead of blocking in `pg_advisory_lock`: a blocked waiter sits
 * in an open transaction, and a `CREATE INDEX CONCURRENTLY` in the holder would wait for it
 * forever. A session lock dies with its connection, so a killed holder never blocks the next run.
 */
export async function acquireMigrationLock(db: Database, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.query<{ locked: boolean }>(`select pg_try_advisory_lock(${MIGRATION_LOCK_KEY}) as locked`);
    if (row?.locked) return;
    if (Date.now() >= deadline) {
      throw new OperationError(
        `another migrate holds the lock on ${db.target} (advisory lock ${MIGRATION_LOCK_KEY}); waited ${Math.round(timeoutMs / 1000)} s`,
        ['retry when it is done, or raise --lock-timeout'],
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function releaseMigrationLock(db: Database): Promise<void> {
  await db.query(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch(() => undefined);
}
