import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/load-config.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import { addPackageScripts, newPackageJson, SECTIONS_SCRIPTS } from '../edit/package-scripts.js';
import { DRIZZLE_CONFIG_FILES } from '../edit/project-paths.js';
import { SEED_MIGRATIONS_DIR, seedConfigText, seedDrizzleConfigText, seedSections } from '../edit/seed-layout.js';
import { applyPlan } from '../plan/apply-plan.js';
import { withProjectLock, type ProjectLock } from '../plan/project-lock.js';
import type { LockOptions } from '../lock-file.js';
import type { FileSystem } from '../plan/file-system.js';
import type { FileStatus, PlannedFile } from '../planned-file.js';

export interface InitOptions {
  readonly cwd: string;
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
}

/**
 * `sections init`: the seed's layout (core, vendor, customer with one example table each), the
 * config, a drizzle.config for drizzle-kit's own commands, and db:* scripts. Refuses, writing
 * nothing, if any of it already exists.
 */
export async function init(options: InitOptions): Promise<InitResult> {
  return withProjectLock(options.cwd, 'init', options.lock, (lock) => initHoldingLock(options, lock));
}

async function initHoldingLock(options: InitOptions, lock: ProjectLock): Promise<InitResult> {
  const { cwd } = options;
  const sections = seedSections();
  const existing = [
    ...CONFIG_FILE_NAMES,
    ...DRIZZLE_CONFIG_FILES,
    SEED_MIGRATIONS_DIR,
    ...sections.flatMap((section) => [section.schema, section.types]),
  ].filter((file) => existsSync(join(cwd, file)));
  const [first, ...rest] = existing;
  if (first) {
    throw new UserError(`${first} already exists; init writes only into a project without sections (nothing was written)`, rest.map((file) => `${file} already exists`));
  }

  const packageJson = join(cwd, 'package.json');
  const packageText = existsSync(packageJson) ? await readFile(packageJson, 'utf8') : undefined;
  const file = (path: string, content: string, kind: string, section?: string): PlannedFile => ({ path: join(cwd, path), content, ownership: 'generated', kind, section });
  const files: PlannedFile[] = [
    file('sections.config.ts', seedConfigText(sections), 'config'),
    ...sections.map((section) => file(section.schema, section.schemaText, 'schema', section.name)),
    file('drizzle.config.ts', seedDrizzleConfigText(sections), 'drizzle-config'),
    file(
      'package.json',
      packageText === undefined ? newPackageJson(basename(cwd), SECTIONS_SCRIPTS) : addPackageScripts(packageText, displayPath(cwd, packageJson), SECTIONS_SCRIPTS),
      'package',
    ),
  ];

  const dryRun = options.dryRun ?? false;
  const outcomes = await applyPlan({ files }, { lock, dryRun, fs: options.fs });
  return { dryRun, sections: sections.map((section) => section.name), files: outcomes.map((outcome) => ({ path: outcome.file.path, kind: outcome.file.kind, status: outcome.status })) };
}
