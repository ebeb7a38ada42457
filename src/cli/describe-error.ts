import { isSectionsError } from '../errors.js';
import { redactSecrets } from '../redact.js';

/** The lines an error is shown as: the message and its details, or a bug report for anything untyped. */
export function describeError(error: unknown): string[] {
  if (isSectionsError(error)) return [error.message, ...error.details.map((line) => `  ${line}`)];
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return [`internal error in sections (please report it with the lines below):\n${redactSecrets(message)}`];
}
