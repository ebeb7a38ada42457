import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { UserError } from '../errors.js';

type Jiti = ReturnType<typeof import('jiti').createJiti>;

/** Loads a user's modules (config, drizzle schemas), TypeScript included, with no build step. */
export interface ModuleLoader {
  /**
   * The module's exports. A module that fails to load is the user's problem to fix, so it becomes
   * a one-line {@link UserError} naming the file, never a stack trace.
   */
  import(file: string, what: string, shownAs?: string): Promise<Record<string, unknown>>;
  /** The user's files this loader loaded (modules and every local file they import): what generated output depends on. */
  loadedFiles(): string[];
  /**
   * Drops what this loader loaded from Node's module cache, so the next run in this process
   * (watch mode, the API) reads the files afresh. Call it when the run is done.
   */
  dispose(): void;
}

export interface ModuleLoaderOptions {
  /**
   * Where jiti keeps transpiled modules: the project's sections cache rather than the OS temp dir,
   * so a CI cache of that folder spares transpiling every schema on every run.
   */
  readonly transpileCacheDir: string;
  /** The project's folder: its modules already in the module cache are read afresh. */
  readonly projectDir: string;
}

const require = createRequire(import.meta.url);
const nodeModules = `${sep}node_modules${sep}`;

/**
 * One run's loader. jiti shares Node's module cache, so schemas that import each other see the
 * same tables (and drizzle-orm is the one copy sections uses too); what a run loads is told apart
 * by what its imports add to that cache and by the modules they import, and is dropped from the
 * cache when the run is done, so runs for other projects in the same process never see it.
 */
export function createModuleLoader(options: ModuleLoaderOptions): ModuleLoader {
  const projectPrefix = options.projectDir.endsWith(sep) ? options.projectDir : `${options.projectDir}${sep}`;
  for (const file of userModules()) if (file.startsWith(projectPrefix)) delete require.cache[file];
  const loaded = new Set<string>();
  let jiti: Promise<Jiti> | undefined;
  return {
    async import(file, what, shownAs = file) {
      try {
        if (file.endsWith('.json')) {
          loaded.add(file);
          return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
        }
        const before = new Set(userModules());
        const exported = (await (await (jiti ??= createJitiWithEsbuild(options.transpileCacheDir))).import(file)) as Record<string, unknown>;
        // Another run in this process may be loading at the same time: what appeared in the cache
        // counts only inside this project; beyond it, the modules this one imports (JSON has no entry there).
        for (const added of userModules()) if (!before.has(added) && added.startsWith(projectPrefix)) loaded.add(added);
        for (const imported of importedModules(file)) loaded.add(imported);
        return exported;
      } catch (error) {
        throw new UserError(`${shownAs}: cannot load ${what}: ${firstLine(error)}`);
      }
    },
    loadedFiles: () => [...loaded].sort(),
    dispose: () => {
      for (const file of loaded) delete require.cache[file];
    },
  };
}

async function createJitiWithEsbuild(transpileCacheDir: string): Promise<Jiti> {
  const [{ createJiti }, { createEsbuildTransform }] = await Promise.all([import('jiti'), import('./esbuild-transform.js')]);
  let babel: Jiti | undefined;
  const jitiTransform = (transformOptions: Parameters<Jiti['transform']>[0]) => ({ code: (babel ??= createJiti(import.meta.url)).transform(transformOptions) });
  return createJiti(import.meta.url, { moduleCache: true, fsCache: transpileCacheDir, transform: createEsbuildTransform(jitiTransform) });
}

/** The user's modules in Node's module cache (jiti puts those it evaluates there too). */
function userModules(): string[] {
  return Object.keys(require.cache).filter((file) => !file.includes(nodeModules));
}

/** `file` and the user's modules it imports, transitively, as the module cache records them. */
function importedModules(file: string): string[] {
  const found = new Set<string>();
  const visit = (module: NodeJS.Module | undefined) => {
    if (!module || found.has(module.id) || module.id.includes(nodeModules)) return;
    found.add(module.id);
    for (const child of module.children) visit(child);
  };
  visit(require.cache[file]);
  return [...found];
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}
