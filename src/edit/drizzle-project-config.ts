import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import micromatch from 'micromatch';
import { z } from 'zod';
import { kindOf } from '../config/config-paths.js';
import type { ModuleLoader } from '../config/module-loader.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import { DRIZZLE_CONFIG_FILES, drizzleConfigIn } from './project-paths.js';

/** What `init --from-drizzle` takes from a drizzle-kit config, every path absolute. */
export interface DrizzleProjectConfig {
  readonly file: string;
  /** Every schema module drizzle-kit reads, sorted: `schema` expanded as drizzle-kit does (files, folders, globs). */
  readonly schemaFiles: readonly string[];
  /** `schema` as given, resolved from the config's folder: what drizzle-kit will read, files not yet written included. */
  readonly schemaPatterns: readonly string[];
  /** The migrations folder (`out`, drizzle-kit's default `drizzle`). */
  readonly out: string;
  readonly casing: 'snake_case' | 'camelCase' | undefined;
  /** drizzle-kit's push/pull filters: `generate` ignores them, so they select nothing here; reported only. */
  readonly schemaFilter: readonly string[];
  readonly tablesFilter: readonly string[];
  /** What sections does differently from this config, for the user to know. */
  readonly warnings: readonly string[];
}

const stringOrList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const drizzleConfigSchema = z.looseObject({
  dialect: z.string({ error: 'dialect is missing; sections works with dialect: "postgresql"' }),
  schema: stringOrList,
  out: z.string().min(1).optional(),
  casing: z.enum(['snake_case', 'camelCase']).optional(),
  schemaFilter: stringOrList.optional(),
  tablesFilter: stringOrList.optional(),
  migrations: z.looseObject({ table: z.string().optional(), schema: z.string().optional(), prefix: z.string().optional() }).optional(),
});

/** The drizzle-kit config named (relative to cwd), else the first of drizzle-kit's own file names in cwd. */
export function findDrizzleConfig(cwd: string, given: string | undefined): string {
  if (given !== undefined) {
    const file = resolve(cwd, given);
    if (!existsSync(file)) throw new UserError(`--from-drizzle ${given}: file not found`);
    return file;
  }
  const found = drizzleConfigIn(cwd);
  if (!found) throw new UserError(`--from-drizzle: no drizzle config in ${cwd} (looked for ${DRIZZLE_CONFIG_FILES.join(', ')}); name it: --from-drizzle path/to/drizzle.config.ts`);
  return join(cwd, found);
}

/**
 * Loads a drizzle-kit config with the loader sections loads its own config with (it may import
 * drizzle-kit's defineConfig, dotenv, …). Paths are resolved from the config's folder, where
 * drizzle-kit is run. Anything but PostgreSQL is a {@link UserError}.
 */
export async function loadDrizzleProjectConfig(file: string, cwd: string, loader: ModuleLoader): Promise<DrizzleProjectConfig> {
  const shown = displayPath(cwd, file);
  const exported = await loader.import(file, 'the drizzle config', shown);
  const parsed = drizzleConfigSchema.safeParse(exported.default ?? exported);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues.map((issue) => `${shown}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new UserError(first!, rest);
  }
  const config = parsed.data;
  if (config.dialect !== 'postgresql') {
    throw new UserError(`${shown}: dialect is "${config.dialect}"; sections works with PostgreSQL only (dialect: "postgresql")`);
  }
  const base = dirname(file);
  const patterns = typeof config.schema === 'string' ? [config.schema] : config.schema;
  const schemaFiles = expandSchemaPaths(base, patterns);
  if (schemaFiles.length === 0) throw new UserError(`${shown}: schema ${JSON.stringify(config.schema)} names no .ts or .js file`);
  const list = (value: string | string[] | undefined) => (value === undefined ? [] : typeof value === 'string' ? [value] : value);
  const warnings: string[] = [];
  if (config.migrations?.table !== undefined || config.migrations?.schema !== undefined) {
    warnings.push(`${shown}: migrations.table/schema name drizzle's ledger ${config.migrations.schema ?? 'drizzle'}.${config.migrations.table ?? '__drizzle_migrations'}; sections migrate keeps drizzle.__drizzle_migrations`);
  }
  if (config.migrations?.prefix !== undefined && config.migrations.prefix !== 'index') {
    warnings.push(`${shown}: migrations.prefix is "${config.migrations.prefix}"; sections generate numbers new migrations as drizzle-kit's default "index" does`);
  }
  return { file, schemaFiles, schemaPatterns: patterns.map((pattern) => resolve(base, pattern)), out: resolve(base, config.out ?? 'drizzle'), casing: config.casing, schemaFilter: list(config.schemaFilter), tablesFilter: list(config.tablesFilter), warnings };
}

/** Whether drizzle-kit would read `file` as a schema module (a file sections is about to write). */
export function readsAsSchema(config: DrizzleProjectConfig, file: string): boolean {
  const slashed = (path: string) => path.split('\\').join('/');
  return config.schemaPatterns.some((pattern) =>
    GLOB_CHARS.test(pattern) ? micromatch.isMatch(slashed(file), slashed(pattern)) : file === pattern || dirname(file) === pattern,
  );
}

const MODULE_EXTENSIONS = ['.ts', '.js', '.cjs', '.mjs', '.mts', '.cts'];
const GLOB_CHARS = /[*?[\]{}()!]/;

/**
 * drizzle-kit's reading of `schema`: each entry is a file, a folder (its own files, not its
 * subfolders) or a glob, relative to the config's folder; only module files count.
 */
export function expandSchemaPaths(base: string, patterns: readonly string[]): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    for (const match of GLOB_CHARS.test(pattern) ? globMatches(base, pattern) : [resolve(base, pattern)]) {
      const kind = kindOf(match);
      if (kind === 'file') files.add(match);
      else if (kind === 'folder') for (const entry of readdirSync(match)) if (kindOf(join(match, entry)) === 'file') files.add(join(match, entry));
    }
  }
  return [...files].filter((file) => MODULE_EXTENSIONS.some((extension) => file.endsWith(extension)) && !file.endsWith('.d.ts')).sort();
}

function globMatches(base: string, pattern: string): string[] {
  const absolute = resolve(base, pattern).split('\\').join('/');
  const root = micromatch.scan(absolute).base || '/';
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = join(folder, entry.name);
      if (micromatch.isMatch(full.split('\\').join('/'), absolute)) found.push(full);
      if (entry.isDirectory()) walk(full);
    }
  };
  if (kindOf(root) === 'folder') walk(root);
  return found;
}
