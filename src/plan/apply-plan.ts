import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { OperationError } from '../errors.js';
import { removeCommitRecord, writeCommitRecord, type CommitRecord } from './commit-record.js';
import { nodeFileSystem, type FileSystem } from './file-system.js';
import type { ProjectLock } from './project-lock.js';
import { holdsContent, type FileStatus, type PlannedFile } from '../planned-file.js';
import type { FileOutcome, Plan } from './plan.js';

export interface ApplyPlanOptions {
  /** The project lock the caller holds: one writer at a time, and where the commit is recorded. */
  readonly lock: ProjectLock;
  /** Regenerate scaffolded files the user owns. */
  readonly force?: boolean;
  /** Compute the outcome without writing anything. */
  readonly dryRun?: boolean;
  readonly fs?: FileSystem;
}

/** What each planned file would become, decided from the disk alone. */
export async function comparePlan(plan: Plan, options: Pick<ApplyPlanOptions, 'force' | 'fs'> = {}): Promise<FileOutcome[]> {
  const fs = options.fs ?? nodeFileSystem;
  return Promise.all(
    plan.files.map(async (file) => ({ file, status: statusOf(file, await fs.readFile(file.path), options.force ?? false) })),
  );
}

function statusOf(file: PlannedFile, existing: string | undefined, force: boolean): FileStatus {
  if (existing === undefined) return 'created';
  if (holdsContent(existing, file.content)) return 'unchanged';
  if (file.ownership === 'scaffold' && !force) return 'kept';
  return 'updated';
}

interface StagedWrite {
  readonly target: string;
  readonly temp: string;
  readonly content: string;
}

/**
 * The one place files are written, as one commit that survives a kill at any instant:
 *
 * 1. a commit record (phase `staged`) lists the temp files about to be written beside their targets;
 * 2. every temp file is written;
 * 3. the record turns to phase `commit`: from here on the commit is decided;
 * 4. every temp file is renamed over its target, every deletion removed;
 * 5. the record is removed.
 *
 * Whoever takes the project lock next undoes a commit killed before step 3 (removes its temp
 * files) and finishes one killed after it (see recoverCommit). A write that fails here instead
 * (a full disk) puts back every original byte. Unchanged files are not touched, so their mtime stays.
 */
export async function applyPlan(plan: Plan, options: ApplyPlanOptions): Promise<FileOutcome[]> {
  const fs = options.fs ?? nodeFileSystem;
  const outcomes = await comparePlan(plan, options);
  if (options.dryRun) return outcomes;

  const planned = new Set(plan.files.map((file) => file.path));
  // A path both removed and written (a migration --rebase regenerates under its old name) is a write.
  const deletions = (plan.deletions ?? []).filter((path) => !planned.has(path));
  const writes: StagedWrite[] = outcomes
    .filter((outcome) => outcome.status === 'created' || outcome.status === 'updated')
    .map(({ file }) => ({ target: file.path, temp: tempPathFor(file.path), content: file.content }));
  await removeStrayTemps(fs, writes.map((write) => write.target));
  const present = [];
  for (const target of deletions) {
    const original = await fs.readFile(target);
    if (original !== undefined) present.push({ target, original });
  }
  if (writes.length === 0 && present.length === 0) return outcomes;

  const record: CommitRecord = {
    phase: 'staged',
    pid: process.pid,
    writes: writes.map(({ temp, target }) => ({ temp, target })),
    deletions: present.map((deletion) => deletion.target),
  };
  await writeCommitRecord(options.lock.commitRecord, record);
  const originals = new Map<string, string | undefined>();
  try {
    for (const write of writes) {
      await fs.mkdir(dirname(write.target));
      originals.set(write.target, await fs.readFile(write.target));
      await fs.writeFile(write.temp, write.content);
    }
  } catch (error) {
    for (const write of writes) await fs.remove(write.temp).catch(() => undefined);
    await removeCommitRecord(options.lock.commitRecord).catch(() => undefined);
    throw failure(error);
  }

  await writeCommitRecord(options.lock.commitRecord, { ...record, phase: 'commit' });
  const replaced: StagedWrite[] = [];
  const deleted: typeof present = [];
  try {
    for (const write of writes) {
      await fs.rename(write.temp, write.target);
      replaced.push(write);
    }
    for (const deletion of present) {
      await fs.remove(deletion.target);
      deleted.push(deletion);
    }
  } catch (error) {
    // Undone from memory. The record goes back to `staged` first: should this process die while
    // undoing, the next one removes the remaining temp files instead of finishing half a commit.
    await writeCommitRecord(options.lock.commitRecord, { ...record, writes: record.writes.filter((write) => !replaced.some((done) => done.temp === write.temp)) }).catch(() => undefined);
    for (const deletion of deleted) await fs.writeFile(deletion.target, deletion.original).catch(() => undefined);
    await rollBack(fs, writes, replaced, originals);
    await removeCommitRecord(options.lock.commitRecord).catch(() => undefined);
    throw failure(error);
  }
  await removeCommitRecord(options.lock.commitRecord);
  return outcomes;
}

/** `.<name>.<8 hex>.tmp` beside the target: hidden, and ignored by the watcher. */
function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Temp files of the targets about to be written, left by a version of sections that kept no
 * commit record. Safe to remove: the caller holds the project lock, so no other writer is at work.
 */
async function removeStrayTemps(fs: FileSystem, targets: readonly string[]): Promise<void> {
  const byDir = new Map<string, Set<string>>();
  for (const target of targets) byDir.set(dirname(target), (byDir.get(dirname(target)) ?? new Set()).add(basename(target)));
  for (const [dir, names] of byDir) {
    for (const entry of await fs.list(dir)) {
      const match = /^\.(.+)\.[0-9a-f]{8}\.tmp(?:\.restore)?$/.exec(entry);
      if (match && names.has(match[1]!)) await fs.remove(join(dir, entry));
    }
  }
}

async function rollBack(fs: FileSystem, writes: readonly StagedWrite[], replaced: readonly StagedWrite[], originals: ReadonlyMap<string, string | undefined>): Promise<void> {
  for (const write of writes) {
    if (!replaced.includes(write)) await fs.remove(write.temp).catch(() => undefined);
  }
  for (const write of [...replaced].reverse()) {
    const original = originals.get(write.target);
    if (original === undefined) {
      await fs.remove(write.target).catch(() => undefined);
    } else {
      await fs.writeFile(write.temp, original).then(() => fs.rename(write.temp, write.target)).catch(() => undefined);
    }
  }
}

function failure(error: unknown): OperationError {
  const err = error as NodeJS.ErrnoException;
  const what = err.path ? `${err.path} (${err.code ?? err.message})` : err.message;
  return new OperationError(`could not write ${what}; every file was left as it was`);
}
