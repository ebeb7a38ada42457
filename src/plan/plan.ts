/**
 * Who decides a file's content:
 * - `generated`: sections does; the file is rewritten whenever its content should change.
 * - `scaffold`: sections creates it once, then it belongs to the user and is kept unless `--force`.
 */
export type FileOwnership = 'generated' | 'scaffold';

export interface PlannedFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
  readonly ownership: FileOwnership;
  /** What the file is, for output: `migration`, `snapshot`, `journal`, `types`, `repository`, ... */
  readonly kind: string;
  readonly section?: string | undefined;
}

/** What a command wants on disk, computed without touching it. `check` compares it with the disk. */
export interface Plan {
  readonly files: readonly PlannedFile[];
  /** Files to remove (absolute paths), applied together with the writes. */
  readonly deletions?: readonly string[];
}

export type FileStatus =
  /** Did not exist; written. */
  | 'created'
  /** Existed with other content; rewritten. */
  | 'updated'
  /** Already had this content; not touched (mtime unchanged). */
  | 'unchanged'
  /** A scaffolded file the user owns; left as it is (use --force to regenerate). */
  | 'kept';

export interface FileOutcome {
  readonly file: PlannedFile;
  readonly status: FileStatus;
}
