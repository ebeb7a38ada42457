import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { UserError } from '../errors.js';

type Jiti = ReturnType<typeof import('jiti').createJiti>;
let jiti: Jiti | undefined;

/**
 * Loads a user's module (config or drizzle schema), TypeScript included, with no build step.
 * A module that fails to load is the user's problem to fix, so it becomes a one-line
 * {@link UserError} naming the file, never a stack trace.
 */
export async function importModule(file: string, what: string, shownAs = file): Promise<Record<string, unknown>> {
  try {
    if (file.endsWith('.json')) return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    jiti ??= (await import('jiti')).createJiti(import.meta.url, { moduleCache: true, fsCache: true });
    return (await jiti.import(file)) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`${shownAs}: cannot load ${what}: ${firstLine(error)}`);
  }
}

/**
 * The user's files loaded so far (the modules themselves and every local file they import),
 * forgotten so the next load reads them afresh (watch mode). These are what generated output
 * depends on, so the generation stamp hashes them.
 */
export function takeLoadedUserFiles(): string[] {
  if (!jiti) return [];
  const cache = jiti.cache as Record<string, unknown>;
  const files = Object.keys(cache).filter((file) => !file.includes(`${sep}node_modules${sep}`));
  for (const file of files) delete cache[file];
  return files.sort();
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
