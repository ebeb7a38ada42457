import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OperationError } from '../errors.js';
import { acquireLockFile, isRunning, type HeldLock, type LockOptions } from '../lock-file.js';
import type { Database } from '../database/database.js';
import { pgliteDatabase } from '../database/pglite.js';

export interface PgliteTargetOptions {
  /** `status`, `migrate --dry-run`: a database that does not exist yet is not created. */
  readonly readOnly: boolean;
  readonly command: string;
  readonly lock?: LockOptions | undefined;
}

/**
 * The embedded target: a PGlite database persisted in a data dir, for local work with nothing
 * installed. PGlite is one process's database, so a lock file beside the data dir
 * (`<dataDir>.lock`) keeps a second `migrate` or `status` waiting until the first is done. The
 * data dir is created whole or not at all (a temp sibling renamed into place); one that does not
 * boot gets a message saying how to start afresh.
 */
export async function connectPglite(dataDir: string, cacheDir: string, target: string, options: PgliteTargetOptions): Promise<Database | undefined> {
  if (options.readOnly && !existsSync(dataDir)) return undefined;
  await mkdir(dirname(dataDir), { recursive: true });
  const lock = await acquireLockFile(`${dataDir}.lock`, { ...options.lock, command: options.command, what: `the embedded database ${dataDir}` });
  try {
    await removeTempDirsOfDeadProcesses(dataDir);
    if (!existsSync(dataDir) && options.readOnly) {
      await lock.release();
      return undefined;
    }
    if (!existsSync(dataDir)) await createDataDir(dataDir, cacheDir);
    return await openDatabase(dataDir, cacheDir, target, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openDatabase(dataDir: string, cacheDir: string, target: string, lock: HeldLock): Promise<Database> {
  const { openPglite } = await import('../engine/open-pglite.js');
  let db: Database;
  try {
    db = pgliteDatabase(await openPglite({ dataDir, cacheDir }), target);
  } catch (error) {
    throw new OperationError(
      `the embedded database in ${dataDir} does not start (${causeOf(error)}); it is damaged: remove the folder to start afresh (its data is lost), then run \`sections migrate\``,
    );
  }
  return { ...db, close: () => db.close().finally(() => lock.release()) };
}

/**
 * A fresh cluster, made in a temp sibling and renamed into place: a run killed (or a disk
 * filling up) while copying leaves a temp folder the next run removes, never half a cluster.
 */
async function createDataDir(dataDir: string, cacheDir: string): Promise<void> {
  const { openPglite } = await import('../engine/open-pglite.js');
  const temp = `${dataDir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await (await openPglite({ dataDir: temp, cacheDir })).close();
    await rename(temp, dataDir);
  } catch (error) {
    throw new OperationError(`cannot create the embedded database in ${dataDir}: ${causeOf(error)}`);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function removeTempDirsOfDeadProcesses(dataDir: string): Promise<void> {
  const prefix = `${basename(dataDir)}.`;
  const entries = await readdir(dirname(dataDir)).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = entry.startsWith(prefix) ? /\.(\d+)-[0-9a-f]{8}\.tmp$/.exec(entry)?.[1] : undefined;
    if (pid && !isRunning(Number(pid))) await rm(join(dirname(dataDir), entry), { recursive: true, force: true });
  }
}

function causeOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Emscripten's abort adds a hint meant for PGlite's developers.
  return message.replace(/^PGlite failed to start in \S+: /, '').replace(/ Build with -sASSERTIONS for more info\.?/, '').split('\n')[0]!;
}
