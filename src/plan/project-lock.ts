import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireLockFile, isRunning, type LockOptions } from '../lock-file.js';
import { recoverCommit } from './commit-record.js';

/**
 * Held while a command reads or writes the project's tree, so that one writer works at a time
 * and no reader sees half a commit. Taking it finishes or undoes whatever commit a killed
 * process left behind.
 */
export interface ProjectLock {
  readonly rootDir: string;
  /** Where applyPlan keeps the record of a commit under way (see commit-record.ts). */
  readonly commitRecord: string;
  release(): Promise<void>;
}

const LOCK_FILE = 'project.lock';
const COMMIT_RECORD = 'commit.json';

/**
 * The lock and the commit record live in `<project>/node_modules/.cache/sections/`: git-ignored
 * in every project, beside the project whatever SECTIONS_CACHE_DIR says (two processes must find
 * the same lock), and removed with node_modules, when nothing can be running anyway.
 */
export function projectStateDir(rootDir: string): string {
  return join(rootDir, 'node_modules', '.cache', 'sections');
}

/** Read-only file systems (a CI checkout): no other writer can run there, so there is nothing to lock. */
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

export async function lockProject(rootDir: string, command: string, options: LockOptions = {}): Promise<ProjectLock> {
  const dir = projectStateDir(rootDir);
  const commitRecord = join(dir, COMMIT_RECORD);
  let held;
  try {
    held = await acquireLockFile(join(dir, LOCK_FILE), { ...options, command, what: `the project in ${rootDir}` });
  } catch (error) {
    if (!READ_ONLY.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    return { rootDir, commitRecord, release: async () => undefined };
  }
  try {
    await recoverCommit(commitRecord);
    await removeStrayFiles(dir);
  } catch (error) {
    await held.release();
    throw error;
  }
  return { rootDir, commitRecord, release: held.release };
}

/** Runs `work` holding the project lock; it is released however `work` ends. */
export async function withProjectLock<T>(rootDir: string, command: string, options: LockOptions | undefined, work: (lock: ProjectLock) => Promise<T>): Promise<T> {
  const lock = await lockProject(rootDir, command, options);
  try {
    return await work(lock);
  } finally {
    await lock.release();
  }
}

/**
 * What killed processes leave in the state folder: a half-written commit record's temp file (no
 * one else writes it while we hold the lock), and lock temp files of processes that are gone.
 */
async function removeStrayFiles(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    entries.map(async (entry) => {
      const lockTemp = /^project\.lock\.(\d+)-[0-9a-f]+\.(?:tmp|dead)$/.exec(entry);
      const stray = entry.startsWith(`${COMMIT_RECORD}.`) || (lockTemp && !isRunning(Number(lockTemp[1])));
      if (stray) await rm(join(dir, entry), { force: true });
    }),
  );
}
