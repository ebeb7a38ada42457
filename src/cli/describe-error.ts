import { isSectionsError } from '../errors.js';

/**
 * The lines an error is shown as: the message and its details, or a bug report for anything
 * untyped (its stack as the details). Output masks passwords in every line.
 */
export function describeError(error: unknown): string[] {
  if (isSectionsError(error)) return [error.message, ...error.details.map((line) => `  ${line}`)];
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return [`internal error in sections: ${message} (please report it with the lines below)`, ...stack.split('\n').map((line) => `  ${line}`)];
}
