/**
 * The two ways a command can fail. Each is created where the problem is found and
 * printed once, by the CLI's error boundary, which maps it to an exit code.
 *
 * - {@link UserError}: the input is wrong (config, flags, schema, names). Exit 2. Nothing was written.
 * - {@link OperationError}: the input is fine but the operation failed (SQL error, lock timeout,
 *   stale files found by `check`). Exit 1.
 *
 * Anything else that escapes is a bug in `sections` and is reported as such.
 */
export class SectionsError extends Error {
  readonly exitCode: 1 | 2;
  /** Extra lines printed under the message (candidates, hints). */
  readonly details: readonly string[];

  constructor(message: string, exitCode: 1 | 2, details: readonly string[] = []) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.details = details;
  }
}

export class UserError extends SectionsError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, 2, details);
  }
}

export class OperationError extends SectionsError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, 1, details);
  }
}

export function isSectionsError(error: unknown): error is SectionsError {
  return error instanceof SectionsError;
}
