import { statSync } from 'node:fs';
import { join } from 'node:path';
import { isInside } from '../config/config-paths.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import { BASELINE_FILE } from '../model/boundary-baseline.js';
import type { PlannedFile } from '../planned-file.js';

/** A file generate writes, by where it comes from: enough to name its config key. */
export type OutputPath = Pick<PlannedFile, 'path' | 'kind' | 'section'>;

interface Input {
  readonly path: string;
  readonly key: string;
}

/** Files drizzle-kit's layout puts in the migrations folder: the only outputs allowed there. */
const MIGRATION_KINDS = new Set(['migration', 'snapshot', 'journal', 'sum']);

/**
 * Refuses, before anything is written, a plan that would overwrite what the project reads (the
 * config, a schema module or a file it imports, package.json, anything in the migrations or
 * templates folder), write two outputs to one file, or write a file where a folder is. Each
 * problem names both config keys; a typo in a path must never cost a file.
 */
export function assertOutputPaths(config: ResolvedConfig, outputs: readonly OutputPath[], loadedFiles: readonly string[], cwd: string, writer = 'generate'): void {
  const shown = (path: string) => displayPath(cwd, path);
  const inputs: Input[] = [
    { path: config.configFile, key: `the config file` },
    ...config.sections.map((section) => ({ path: section.schemaFile, key: `sections.${section.name}.schema` })),
    { path: join(config.rootDir, 'package.json'), key: 'package.json' },
    { path: join(config.rootDir, BASELINE_FILE), key: BASELINE_FILE },
    ...loadedFiles.map((path) => ({ path, key: `${shown(path)}, which a schema module imports` })),
  ];
  const folders: Input[] = [
    { path: config.migrationsDir, key: 'migrations' },
    ...(config.templatesDir ? [{ path: config.templatesDir, key: 'templates' }] : []),
  ];
  const problems: string[] = [];
  const claimed = new Map<string, OutputPath>();
  for (const output of outputs) {
    const key = keyOf(output);
    const input = inputs.find((candidate) => candidate.path === output.path);
    const folder = folders.find((candidate) => isInside(candidate.path, output.path) && !(candidate.key === 'migrations' && MIGRATION_KINDS.has(output.kind)));
    const other = claimed.get(output.path);
    if (input) problems.push(`${key} and ${input.key} name the same file (${shown(output.path)}); ${writer} would overwrite it`);
    else if (folder) problems.push(`${key} (${shown(output.path)}) is inside ${folder.key} (${shown(folder.path)}); ${writer} writes nothing there${writer === 'generate' ? ' but migrations' : ''}`);
    else if (other) problems.push(`${keyOf(other)} and ${key} name the same file (${shown(output.path)}); each output needs a file of its own`);
    else if (isFolder(output.path)) problems.push(`${key}: ${shown(output.path)} is a folder; it must name a file`);
    claimed.set(output.path, other ?? output);
  }
  const [first, ...rest] = problems;
  if (first) throw new UserError(first, rest);
}

function keyOf(output: OutputPath): string {
  switch (output.kind) {
    case 'types':
      return `sections.${output.section}.types`;
    case 'repository':
    case 'service':
      return `the ${output.kind} stub of section "${output.section}" (features)`;
    case 'graph':
      return '--output';
    case 'connection':
      return `the connection module${output.section ? ` of section "${output.section}"` : ''} (connections)`;
    default:
      return 'migrations';
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
