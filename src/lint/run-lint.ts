import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { displayPath } from '../display-path.js';
import { writeJsonFile } from '../json-file.js';
import { readMigrationFolder, type MigrationFolder } from '../migrations/migration-folder.js';
import { readSnapshotIfReadable, type PgSnapshot } from '../migrations/snapshot.js';
import type { ProjectModel } from '../model/project-model.js';
import { ownVersion, packageVersion } from '../package-version.js';
import type { ColumnTypes, LintOutcome } from './lint-migrations.js';
import { selectLintScope, type LintScope, type LintScopeOptions } from './lint-scope.js';

export interface RunLintOptions extends LintScopeOptions {
  readonly config: ResolvedConfig;
  readonly cwd: string;
  /** The project model, when the caller loads it anyway (it may still be loading); else it is loaded if there is SQL to lint. */
  readonly model?: Promise<ProjectModel> | undefined;
  /**
   * Hashes of every file the config, the schemas and the migrations come from, from a generation
   * stamp that still holds: with them, a previous run's findings for the same scope are reused.
   */
  readonly unchangedInputs?: Readonly<Record<string, string>> | undefined;
}

export interface LintReport extends LintOutcome {
  readonly scope: { readonly from: LintScope['from']; readonly against: string; readonly migrations: readonly string[] };
}

/** Selects the new migrations, parses them with PostgreSQL's parser and runs every rule. */
export async function runLint(options: RunLintOptions): Promise<LintReport> {
  const { config, cwd } = options;
  const folder = await readMigrationFolder(config.migrationsDir);
  const scope = await selectLintScope(config, cwd, folder, options);
  const scopeReport = { from: scope.from, against: scope.against, migrations: scope.migrations.map((migration) => migration.entry.tag) };
  if (scope.migrations.length === 0) return { scope: scopeReport, findings: [], allowed: [] };

  const key = options.unchangedInputs ? cacheKey(options.unchangedInputs, scopeReport.migrations) : undefined;
  const cacheFile = join(config.cacheDir, `lint-${hash(config.configFile).slice(0, 16)}.json`);
  const cached = key ? await readCachedOutcome(cacheFile, key) : undefined;
  if (cached) return { scope: scopeReport, ...cached };

  // Parsed on another thread while this one loads the schemas (or, in check, builds generate's plan).
  const { parseInWorker } = await import('./parse-in-worker.js');
  const parsing = parseInWorker(scope.migrations.map((migration) => ({ tag: migration.entry.tag, file: migration.sqlFile, shownAs: displayPath(cwd, migration.sqlFile), sql: migration.sql! })));
  parsing.catch(() => undefined);
  const [{ lintMigrations }, { lintProjectOf }] = await Promise.all([import('./lint-migrations.js'), import('./lint-project.js')]);
  const model = await (options.model ?? loadModel(config, cwd));
  // A generation stamp written before lint existed holds a config without lintRules.
  const settings = config.lintRules ?? {};
  const outcome = lintMigrations(await parsing, lintProjectOf(model), settings, await columnTypesBefore(folder, scope));
  // Only a speed-up: a cache that cannot be written means the next run lints again.
  if (key) await writeJsonFile(cacheFile, { key, outcome }).catch(() => undefined);
  return { scope: scopeReport, ...outcome };
}

async function loadModel(config: ResolvedConfig, cwd: string): Promise<ProjectModel> {
  const [{ createModuleLoader }, { loadProjectModel }] = await Promise.all([import('../config/module-loader.js'), import('../model/load-project-model.js')]);
  const loader = createModuleLoader({ transpileCacheDir: join(config.cacheDir, 'jiti'), projectDir: config.rootDir });
  try {
    return await loadProjectModel(config, cwd, loader);
  } finally {
    loader.dispose();
  }
}

/** For each migration in scope, the column types of the snapshot drizzle-kit wrote before it. */
async function columnTypesBefore(folder: MigrationFolder, scope: LintScope): Promise<Map<string, ColumnTypes>> {
  const result = new Map<string, ColumnTypes>();
  for (const migration of scope.migrations) {
    const previous = folder.migrations[folder.migrations.indexOf(migration) - 1];
    // A missing or unreadable snapshot is check's to report; lint then knows no earlier types.
    const snapshot = previous ? await readSnapshotIfReadable(previous.snapshotFile) : undefined;
    if (snapshot) result.set(migration.entry.tag, columnTypesOf(snapshot));
  }
  return result;
}

/** The column types a drizzle-kit snapshot declares, by table (`public.user`) and column. */
export function columnTypesOf(snapshot: PgSnapshot): ColumnTypes {
  return Object.fromEntries(
    Object.values(snapshot.tables).map((table) => [`${table.schema || 'public'}.${table.name}`, Object.fromEntries(Object.values(table.columns).map((column) => [column.name, String(column.type)]))]),
  );
}

/** Everything findings depend on: the inputs' hashes, which migrations are in scope, and the tools. */
function cacheKey(inputs: Readonly<Record<string, string>>, migrations: readonly string[]): string {
  const tools = [ownVersion(), packageVersion('libpg-query') ?? '?'];
  return hash(JSON.stringify({ tools, inputs, migrations }));
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One file per config, like the generation stamp: the last run's findings and what they depended on. */
async function readCachedOutcome(file: string, key: string): Promise<LintOutcome | undefined> {
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as { key?: string; outcome?: LintOutcome };
    return cached.key === key ? cached.outcome : undefined;
  } catch {
    return undefined;
  }
}
