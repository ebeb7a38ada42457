import { statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

/** A path as the config gives it (`key`, `given`) and as resolved. */
export interface ConfiguredPath {
  readonly key: string;
  readonly given: string;
  readonly path: string;
}

/**
 * What can be told about the config's paths before loading any schema: everything sections
 * writes, and the templates it reads, lie inside the project; the templates folder exists; the
 * migrations folder is not a file. One `<key>: <problem>` line each.
 */
export function findPathProblems(
  rootDir: string,
  paths: { readonly written: readonly ConfiguredPath[]; readonly templates: ConfiguredPath | undefined; readonly migrations: ConfiguredPath },
): string[] {
  const problems: string[] = [];
  for (const { key, given, path } of [...paths.written, ...(paths.templates ? [paths.templates] : [])]) {
    if (!isInside(rootDir, path)) problems.push(`${key}: ${given} is outside the project (the folder of the config file); sections writes only inside it`);
  }
  if (paths.templates) {
    const kind = kindOf(paths.templates.path);
    if (kind !== 'folder') problems.push(`templates: ${paths.templates.given} ${kind === 'missing' ? 'does not exist' : 'is a file, not a folder'}`);
  }
  if (kindOf(paths.migrations.path) === 'file') problems.push(`migrations: ${paths.migrations.given} is a file, not a folder`);
  return problems;
}

/** Whether `path` is `root` itself or below it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** What is at `path`, without throwing for a missing one. */
export function kindOf(path: string): 'missing' | 'file' | 'folder' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}
