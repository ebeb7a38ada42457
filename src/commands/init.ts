import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/load-config.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import { gitignoreWithSections } from '../edit/gitignore.js';
import { assertSectionName } from '../edit/names.js';
import { editPackageJson, newPackageJson, SECTIONS_SCRIPTS, type ModuleType } from '../edit/package-json.js';
import { configText, drizzleConfigText, emptySection, exampleSections, MIGRATIONS_DIR, type NewSection } from '../edit/project-layout.js';
import { DRIZZLE_CONFIG_FILES } from '../edit/project-paths.js';
// The CLI's `init` without a choice of sections suggests adopting a drizzle project it finds.
export { drizzleConfigIn } from '../edit/project-paths.js';
import { TSCONFIG_TEXT, tsconfigProblem } from '../edit/tsconfig.js';
import { applyPlan } from '../plan/apply-plan.js';
import type { FileSystem } from '../plan/file-system.js';
import { withProjectLock, type ProjectLock } from '../plan/project-lock.js';
import type { LockOptions } from '../lock-file.js';
import type { FileStatus, PlannedFile } from '../planned-file.js';

/**
 * Which sections a new project starts with: named ones with empty schemas, none at all (added
 * later with `add-section`), or the example's three with a table each.
 */
export type InitSections =
  | { readonly kind: 'named'; readonly names: readonly string[] }
  | { readonly kind: 'empty' }
  | { readonly kind: 'example' };

export interface InitOptions {
  readonly cwd: string;
  readonly sections: InitSections;
  readonly dryRun?: boolean;
  /** For tests that make a write fail. */
  readonly fs?: FileSystem;
  /** How long to wait for another command working on the project, and what to say meanwhile. */
  readonly lock?: LockOptions;
}

export interface InitResult {
  readonly dryRun: boolean;
  readonly sections: readonly string[];
  readonly files: readonly { readonly path: string; readonly kind: string; readonly status: FileStatus }[];
  /** What the project's package.json says about module type (the scaffolds are ES modules). */
  readonly moduleType: ModuleType;
  /** What the user should change for the scaffolds to compile and run. */
  readonly warnings: readonly string[];
}

/**
 * `sections init`: the sections asked for, the config, a drizzle.config for drizzle-kit's own
 * commands, db:* scripts, `"type": "module"`, a tsconfig when there is none, and `.sections/`
 * in .gitignore. Refuses, writing nothing, if any section file or config already exists.
 */
export async function init(options: InitOptions): Promise<InitResult> {
  return withProjectLock(options.cwd, 'init', options.lock, (lock) => initHoldingLock(options, lock));
}

async function initHoldingLock(options: InitOptions, lock: ProjectLock): Promise<InitResult> {
  const { cwd } = options;
  const sections = newSections(options.sections);
  const existing = [
    ...CONFIG_FILE_NAMES,
    ...DRIZZLE_CONFIG_FILES,
    MIGRATIONS_DIR,
    ...sections.flatMap((section) => [section.schema, section.types]),
  ].filter((file) => existsSync(join(cwd, file)));
  const [first, ...rest] = existing;
  const drizzleConfig = existing.find((file) => (DRIZZLE_CONFIG_FILES as readonly string[]).includes(file));
  if (drizzleConfig && !existing.some((file) => (CONFIG_FILE_NAMES as readonly string[]).includes(file))) {
    throw new UserError(`${drizzleConfig} already exists: adopt this drizzle project with \`sections init --from-drizzle\` (its schema modules and migrations stay as they are; nothing was written)`, existing.filter((file) => file !== drizzleConfig).map((file) => `${file} already exists`));
  }
  if (first) {
    throw new UserError(`${first} already exists; init writes only into a project without sections (nothing was written)`, rest.map((file) => `${file} already exists`));
  }

  const file = (path: string, content: string, kind: string, section?: string): PlannedFile => ({ path: join(cwd, path), content, ownership: 'generated', kind, section });
  const warnings: string[] = [];
  const packageJson = await packageJsonFile(cwd);
  if (packageJson.moduleType === 'commonjs') {
    warnings.push('package.json has "type": "commonjs", but the scaffolds are ES modules: set "type": "module"');
  }
  const tsconfig = join(cwd, 'tsconfig.json');
  const tsconfigExists = existsSync(tsconfig);
  const problem = tsconfigExists ? await tsconfigProblem(tsconfig, displayPath(cwd, tsconfig)) : undefined;
  if (problem) warnings.push(problem);
  const gitignore = join(cwd, '.gitignore');
  const ignored = gitignoreWithSections(existsSync(gitignore) ? await readFile(gitignore, 'utf8') : undefined);

  const files: PlannedFile[] = [
    file('sections.config.ts', configText(sections), 'config'),
    ...sections.map((section) => file(section.schema, section.schemaText, 'schema', section.name)),
    file('drizzle.config.ts', drizzleConfigText(sections), 'drizzle-config'),
    file('package.json', packageJson.text, 'package'),
    ...(tsconfigExists ? [] : [file('tsconfig.json', TSCONFIG_TEXT, 'tsconfig')]),
    ...(ignored === undefined ? [] : [file('.gitignore', ignored, 'gitignore')]),
  ];

  const dryRun = options.dryRun ?? false;
  const outcomes = await applyPlan({ files }, { lock, dryRun, fs: options.fs });
  return {
    dryRun,
    sections: sections.map((section) => section.name),
    files: outcomes.map((outcome) => ({ path: outcome.file.path, kind: outcome.file.kind, status: outcome.status })),
    moduleType: packageJson.moduleType,
    warnings,
  };
}

function newSections(sections: InitSections): NewSection[] {
  switch (sections.kind) {
    case 'named':
      return sections.names.map((name) => emptySection(name));
    case 'empty':
      return [];
    case 'example':
      return exampleSections();
  }
}

/** Parses `--sections core,billing`: identifiers, each once. */
export function parseSectionNames(list: string): string[] {
  const names = list.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new UserError(`--sections '${list}': an empty name; separate names with commas, e.g. --sections core,billing`);
  for (const name of names) assertSectionName(name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new UserError(`--sections '${list}': "${repeated}" is named twice`);
  return names;
}

async function packageJsonFile(cwd: string): Promise<{ readonly text: string; readonly moduleType: ModuleType }> {
  const path = join(cwd, 'package.json');
  if (!existsSync(path)) return { text: newPackageJson(basename(cwd), SECTIONS_SCRIPTS), moduleType: 'set-to-module' };
  return editPackageJson(await readFile(path, 'utf8'), displayPath(cwd, path), SECTIONS_SCRIPTS);
}
