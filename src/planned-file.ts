/**
 * Who decides a file's content:
 * - `generated`: sections does; the file is rewritten whenever its content should change.
 * - `scaffold`: sections creates it once, then it belongs to the user and is kept unless `--force`.
 */
export type FileOwnership = 'generated' | 'scaffold';

/** One file a command wants on disk: what every layer that renders output returns. */
export interface PlannedFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
  readonly ownership: FileOwnership;
  /** What the file is, for output: `migration`, `snapshot`, `journal`, `types`, `repository`, ... */
  readonly kind: string;
  readonly section?: string | undefined;
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

/**
 * Whether a file on disk already holds a planned file's content. Line endings do not count: a
 * checkout with `core.autocrlf=true` has CRLF where sections writes LF, and that is no change.
 */
export function holdsContent(existing: string, content: string): boolean {
  return existing === content || existing.replace(/\r\n/g, '\n') === content;
}
