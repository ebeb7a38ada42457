import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OperationError } from './errors.js';

/** Who holds a lock: what a waiting process shows, and how it tells a dead holder from a live one. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** The command it runs, e.g. `generate`. Never its arguments: they may hold a database URL. */
  readonly command: string;
  /** ISO time it took the lock. */
  readonly since: string;
  /** Tells this holding apart from an earlier one by the same pid. */
  readonly token: string;
  /** The process's start time where the system tells it (Linux), to recognise a reused pid. */
  readonly started?: string | undefined;
}

export interface LockOptions {
  /** How long to wait for another holder. Default 60 s. */
  readonly timeoutMs?: number;
  /** Called once when the lock is taken by another process and this one starts waiting. */
  readonly onWait?: (message: string) => void;
}

export interface AcquireLockOptions extends LockOptions {
  readonly command: string;
  /** What the lock guards, for messages: `the project in /x`, `the embedded database .sections/pglite`. */
  readonly what: string;
}

export interface HeldLock {
  readonly file: string;
  release(): Promise<void>;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

/**
 * An exclusive lock held as a file naming its holder. The file appears whole or not at all (a
 * hard link of a complete temp file, which fails if the lock file exists), so a waiter always
 * reads a complete holder. A holder on this host whose pid is gone (killed, crashed) is taken
 * over at once instead of after a staleness timeout; a holder on another host is waited for.
 */
export async function acquireLockFile(file: string, options: AcquireLockOptions): Promise<HeldLock> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: options.command,
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
    started: startTimeOf(process.pid),
  };
  const text = JSON.stringify(holder);
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}-${holder.token}.tmp`;
  await writeFile(temp, text);
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  try {
    for (;;) {
      try {
        await link(temp, file);
        return { file, release: () => releaseLockFile(file, holder.token) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const seen = await readFile(file, 'utf8').catch(() => undefined);
      if (seen === undefined) continue;
      const other = parseHolder(seen);
      if (!other || isGone(other)) {
        await breakLock(file, seen);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new OperationError(`${options.what} is locked by ${describeHolder(other)}; waited ${Math.round(timeoutMs / 1000)} s`, [
          'retry when it is done, or raise --lock-timeout',
          `if no such process is running${other.hostname === holder.hostname ? '' : ` on ${other.hostname}`}, remove ${file}`,
        ]);
      }
      if (!waited) {
        waited = true;
        options.onWait?.(`waiting for ${describeHolder(other)} to finish with ${options.what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await rm(temp, { force: true });
  }
}

/** `sections generate (pid 4242, since 14:02:11)`. */
export function describeHolder(holder: LockHolder): string {
  const since = new Date(holder.since);
  const at = Number.isNaN(since.getTime()) ? holder.since : since.toLocaleTimeString();
  return `sections ${holder.command} (pid ${holder.pid}${holder.hostname === hostname() ? '' : ` on ${holder.hostname}`}, since ${at})`;
}

/** Whether a process with this pid runs on this machine (as any user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A holder on this host whose process is gone, or whose pid now belongs to another process (a pid
 * reused after a kill: where there is a /proc, the process's start time tells them apart).
 */
function isGone(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return false;
  if (holder.pid !== process.pid && !isRunning(holder.pid)) return true;
  const started = startTimeOf(holder.pid);
  return holder.started !== undefined && started !== undefined && started !== holder.started;
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.hostname === 'string' && typeof parsed.token === 'string'
      ? { pid: parsed.pid, hostname: parsed.hostname, command: String(parsed.command), since: String(parsed.since), token: parsed.token, started: typeof parsed.started === 'string' ? parsed.started : undefined }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Moves a dead holder's file aside. Between reading it and moving it, another waiter may have
 * done the same and taken the lock: the file moved is then a live one, and goes back.
 */
async function breakLock(file: string, seen: string): Promise<void> {
  const aside = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.dead`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => seen);
  if (moved !== seen) await link(aside, file).catch(() => undefined);
  await rm(aside, { force: true });
}

async function releaseLockFile(file: string, token: string): Promise<void> {
  const current = parseHolder((await readFile(file, 'utf8').catch(() => '')) || '{}');
  if (current?.token === token) await rm(file, { force: true });
}
