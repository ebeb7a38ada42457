import type { FileStatus, PlannedFile } from '../planned-file.js';

/** What a command wants on disk, computed without touching it. `check` compares it with the disk. */
export interface Plan {
  readonly files: readonly PlannedFile[];
  /** Files to remove (absolute paths), applied together with the writes. */
  readonly deletions?: readonly string[];
}

export interface FileOutcome {
  readonly file: PlannedFile;
  readonly status: FileStatus;
}
