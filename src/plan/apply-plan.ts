import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { OperationError } from '../errors.js';
import { nodeFileSystem, type FileSystem } from './file-system.js';
import { holdsContent, type FileStatus, type PlannedFile } from '../planned-file.js';
import type { FileOutcome, Plan } from './plan.js';

export interface ApplyPlanOptions {
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

/**
 * The one place files are written. Every file goes to a temp file beside its target, then all are
 * renamed into place; if any step fails, the files already replaced get their old bytes back and
 * the new ones are removed, so a failed run leaves the tree as it was. Unchanged files are not
 * touched at all, so their mtime stays.
 */
export async function applyPlan(plan: Plan, options: ApplyPlanOptions = {}): Promise<FileOutcome[]> {
  const fs = options.fs ?? nodeFileSystem;
  const outcomes = await comparePlan(plan, options);
  if (options.dryRun) return outcomes;

  const toWrite = outcomes.filter((outcome) => outcome.status === 'created' || outcome.status === 'updated');
  const staged: { target: string; temp: string; original: string | undefined }[] = [];
  const replaced: typeof staged = [];
  const deleted: { target: string; original: string }[] = [];
  try {
    for (const { file } of toWrite) {
      await fs.mkdir(dirname(file.path));
      const temp = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(4).toString('hex')}.tmp`);
      staged.push({ target: file.path, temp, original: await fs.readFile(file.path) });
      await fs.writeFile(temp, file.content);
    }
    for (const entry of staged) {
      await fs.rename(entry.temp, entry.target);
      replaced.push(entry);
    }
    for (const target of plan.deletions ?? []) {
      const original = await fs.readFile(target);
      if (original === undefined) continue;
      await fs.remove(target);
      deleted.push({ target, original });
    }
  } catch (error) {
    for (const entry of deleted) await fs.writeFile(entry.target, entry.original).catch(() => undefined);
    await rollBack(fs, staged, replaced);
    throw new OperationError(`could not write ${describeFailure(error)}; every file was left as it was`);
  }
  return outcomes;
}

async function rollBack(
  fs: FileSystem,
  staged: readonly { target: string; temp: string; original: string | undefined }[],
  replaced: readonly { target: string; temp: string; original: string | undefined }[],
): Promise<void> {
  for (const entry of staged) {
    if (!replaced.includes(entry)) await fs.remove(entry.temp).catch(() => undefined);
  }
  for (const entry of [...replaced].reverse()) {
    if (entry.original === undefined) {
      await fs.remove(entry.target).catch(() => undefined);
    } else {
      const temp = `${entry.temp}.restore`;
      await fs.writeFile(temp, entry.original).then(() => fs.rename(temp, entry.target)).catch(() => undefined);
    }
  }
}

function describeFailure(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  return err.path ? `${err.path} (${err.code ?? err.message})` : err.message;
}
