import { writeJsonFile } from '../json-file.js';
import { nodeFileSystem, type FileSystem } from './file-system.js';

/**
 * What a multi-file commit is doing, kept on disk so that a process killed at any instant leaves
 * enough behind for the next one to finish or undo it:
 *
 * - `staged`: temp files are being written beside their targets; nothing is replaced yet. Undone
 *   by removing the temp files.
 * - `commit`: every temp file is complete; renames and deletions are under way. Finished by
 *   renaming each temp file still there and removing each deletion.
 *
 * The record itself is replaced atomically (temp file + rename), so it is always one or the other.
 */
export interface CommitRecord {
  readonly phase: 'staged' | 'commit';
  readonly pid: number;
  readonly writes: readonly { readonly temp: string; readonly target: string }[];
  readonly deletions: readonly string[];
}

export async function writeCommitRecord(file: string, record: CommitRecord): Promise<void> {
  await writeJsonFile(file, record);
}

export async function removeCommitRecord(file: string, fs: FileSystem = nodeFileSystem): Promise<void> {
  await fs.remove(file);
}

/**
 * Finishes (phase `commit`) or undoes (phase `staged`) what a killed process left; a no-op when
 * there is no record. Idempotent: a process killed while recovering is recovered by the next.
 * Returns what happened, for `--verbose`.
 */
export async function recoverCommit(file: string, fs: FileSystem = nodeFileSystem): Promise<'none' | 'finished' | 'undone'> {
  const text = await fs.readFile(file);
  if (text === undefined) return 'none';
  const record = parseCommitRecord(text);
  if (!record) {
    // Not a record we wrote (writeJsonFile only ever renames whole files into place): nothing to finish.
    await fs.remove(file);
    return 'none';
  }
  if (record.phase === 'staged') {
    for (const { temp } of record.writes) await fs.remove(temp);
  } else {
    for (const { temp, target } of record.writes) {
      if ((await fs.readFile(temp)) !== undefined) await fs.rename(temp, target);
    }
    for (const target of record.deletions) await fs.remove(target);
  }
  await fs.remove(file);
  return record.phase === 'staged' ? 'undone' : 'finished';
}

function parseCommitRecord(text: string): CommitRecord | undefined {
  try {
    const parsed = JSON.parse(text) as CommitRecord;
    return (parsed.phase === 'staged' || parsed.phase === 'commit') && Array.isArray(parsed.writes) && Array.isArray(parsed.deletions) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
