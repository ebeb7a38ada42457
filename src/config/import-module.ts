import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { UserError } from '../errors.js';

type Jiti = ReturnType<typeof import('jiti').createJiti>;
let jiti: Jiti | undefined;
let transpileCacheDir: string | undefined;
const loadedUserFiles = new Set<string>();

/**
 * Keeps jiti's transpiled modules in the project's sections cache rather than the OS temp dir:
 * a CI cache of that folder (see the README) then spares transpiling every schema on every run.
 * Takes effect before the first import of the process.
 */
export function useTranspileCache(dir: string): void {
  transpileCacheDir ??= dir;
}

/**
 * Loads a user's module (config or drizzle schema), TypeScript included, with no build step.
 * A module that fails to load is the user's problem to fix, so it becomes a one-line
 * {@link UserError} naming the file, never a stack trace.
 */
export async function importModule(file: string, what: string, shownAs = file): Promise<Record<string, unknown>> {
  try {
    if (file.endsWith('.json')) return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    jiti ??= await createLoader();
    const exported = (await jiti.import(file)) as Record<string, unknown>;
    for (const loaded of userModules(jiti)) loadedUserFiles.add(loaded);
    return exported;
  } catch (error) {
    throw new UserError(`${shownAs}: cannot load ${what}: ${firstLine(error)}`);
  }
}

async function createLoader(): Promise<Jiti> {
  const [{ createJiti }, { createEsbuildTransform }] = await Promise.all([import('jiti'), import('./esbuild-transform.js')]);
  let babel: Jiti | undefined;
  const jitiTransform = (options: Parameters<Jiti['transform']>[0]) => ({ code: (babel ??= createJiti(import.meta.url)).transform(options) });
  return createJiti(import.meta.url, { moduleCache: true, fsCache: transpileCacheDir ?? true, transform: createEsbuildTransform(jitiTransform) });
}

/**
 * Drops the user's modules from the module cache, so the next imports read them afresh (a
 * long-lived process: watch mode, the API). Modules imported after one call share instances,
 * so schemas that import each other see the same tables.
 */
export function forgetUserModules(): void {
  if (!jiti) return;
  const cache = jiti.cache as Record<string, unknown>;
  for (const file of userModules(jiti)) delete cache[file];
}

/**
 * The user's files loaded since the last call (modules and every local file they import): what
 * generated output depends on, so the generation stamp hashes them.
 */
export function takeLoadedUserFiles(): string[] {
  const files = [...loadedUserFiles].sort();
  loadedUserFiles.clear();
  return files;
}

function userModules(instance: Jiti): string[] {
  return Object.keys(instance.cache as Record<string, unknown>).filter((file) => !file.includes(`${sep}node_modules${sep}`));
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
