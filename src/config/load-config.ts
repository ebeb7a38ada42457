import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import type { SectionsConfig } from './define-config.js';
import type { ResolvedConfig, ResolvedSection } from './resolved-config.js';
import { findPathProblems, isInside } from './config-paths.js';
import { createModuleLoader, type ModuleLoader } from './module-loader.js';

export const CONFIG_FILE_NAMES = [
  'sections.config.ts',
  'sections.config.mts',
  'sections.config.js',
  'sections.config.mjs',
  'sections.config.json',
] as const;

export interface LoadConfigOptions {
  /** Where to start looking for a config file. */
  readonly cwd: string;
  /** An explicit config file (`--config`), relative to `cwd`. */
  readonly configFile?: string | undefined;
}

/** Where the config is, and so where its caches are: known before loading anything. */
export interface ConfigLocation {
  readonly configFile: string;
  readonly cacheDir: string;
  /** The config file as messages show it (relative to the cwd). */
  readonly shownAs: string;
}

export async function locateConfig(options: LoadConfigOptions): Promise<ConfigLocation> {
  const configFile = await findConfigFile(options);
  return { configFile, cacheDir: cacheDirOf(configFile), shownAs: displayPath(options.cwd, configFile) };
}

/**
 * Finds, loads and validates the config. Every problem becomes a {@link UserError} naming the
 * file and the key path; nothing is written.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const { config, loader } = await loadLocatedConfig(await locateConfig(options));
  loader.dispose();
  return config;
}

/** A project's config, and the loader it was loaded with: the schemas load through the same one. */
export interface LoadedConfig {
  readonly config: ResolvedConfig;
  /** Dispose of it when the run is done. */
  readonly loader: ModuleLoader;
}

export async function loadLocatedConfig(location: ConfigLocation): Promise<LoadedConfig> {
  const { configFile, shownAs: name } = location;
  const loader = createModuleLoader({ transpileCacheDir: join(location.cacheDir, 'jiti'), projectDir: dirname(configFile) });
  try {
    return { config: await validatedConfig(location, await loader.import(configFile, 'config', name)), loader };
  } catch (error) {
    loader.dispose();
    throw error;
  }
}

async function validatedConfig(location: ConfigLocation, exported: Record<string, unknown>): Promise<ResolvedConfig> {
  const { configFile, shownAs: name } = location;
  const raw = exported.default ?? exported;
  // Imported here: zod is a tenth of a second that a run answered by the generation stamp skips.
  const { configSchema, describeConfigIssues } = await import('./config-schema.js');
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const [first, ...rest] = describeConfigIssues(parsed.error);
    throw new UserError(`${name}: ${first}`, rest.map((line) => `${name}: ${line}`));
  }
  return resolveConfig(configFile, parsed.data as SectionsConfig, name);
}

async function findConfigFile(options: LoadConfigOptions): Promise<string> {
  if (options.configFile) {
    const file = resolve(options.cwd, options.configFile);
    if (!existsSync(file)) throw new UserError(`config file not found: ${options.configFile}`);
    return file;
  }
  const { cosmiconfig } = await import('cosmiconfig');
  // Only locate the file here; loading goes through jiti so TypeScript configs need no build step.
  const explorer = cosmiconfig('sections', {
    searchPlaces: [...CONFIG_FILE_NAMES],
    searchStrategy: 'project',
    loaders: { '.ts': (filepath) => filepath, '.mts': (filepath) => filepath, '.js': (filepath) => filepath, '.mjs': (filepath) => filepath, '.json': (filepath) => filepath },
  });
  const found = await explorer.search(options.cwd);
  if (!found) {
    throw new UserError(
      `no sections config found in ${options.cwd} or above (looked for ${CONFIG_FILE_NAMES.join(', ')}); run \`sections init\``,
    );
  }
  return found.filepath;
}

/** `SECTIONS_CACHE_DIR`, else `node_modules/.cache/sections` beside the config (one about to be written, for init). */
export function cacheDirOf(configFile: string): string {
  return process.env.SECTIONS_CACHE_DIR ? resolve(process.env.SECTIONS_CACHE_DIR) : resolve(dirname(configFile), 'node_modules', '.cache', 'sections');
}

/**
 * Where the default `connections/` goes: init's layout keeps it beside schemas/ and migrations/
 * (src/shared/database/…), two folders above a section's schema module (with no section yet, the
 * migrations folder's parent). A schema module nearer
 * the root (`src/schema.ts`) must not send it out of the project, so the climb stops at the root.
 */
function defaultDatabaseDir(rootDir: string, schemaFile: string | undefined, migrationsDir: string): string {
  let dir = schemaFile ? dirname(schemaFile) : migrationsDir;
  if (!isInside(rootDir, dir)) return rootDir;
  for (let level = 0; level < (schemaFile ? 2 : 1) && dir !== rootDir; level += 1) dir = dirname(dir);
  return dir;
}

function resolveConfig(configFile: string, config: SectionsConfig, name: string): ResolvedConfig {
  const rootDir = dirname(configFile);
  const at = (path: string) => (isAbsolute(path) ? path : resolve(rootDir, path));
  const featuresRoot = at(config.features ?? 'src/features');
  const problems: string[] = [];

  const sections: ResolvedSection[] = Object.entries(config.sections).map(([sectionName, section]) => {
    const schemaFile = at(section.schema);
    if (!existsSync(schemaFile)) {
      problems.push(`${name}: sections.${sectionName}.schema: file not found (${section.schema})`);
    }
    return {
      name: sectionName,
      schemaFile,
      typesFile: at(section.types),
      include: section.include,
      exclude: section.exclude,
      extraTables: section.extraTables ?? [],
      featuresDir: section.features ? at(section.features) : resolve(featuresRoot, sectionName),
      codegen: { camelCase: true, typeOnlyImports: true, ...config.codegen, ...section.codegen },
    };
  });

  const migrationsDir = at(config.migrations);
  const databaseDir = defaultDatabaseDir(rootDir, sections[0]?.schemaFile, migrationsDir);
  const connectionsDir = config.connections ? at(config.connections) : resolve(databaseDir, 'connections');
  const templatesDir = config.templates ? at(config.templates) : undefined;
  const configured = (key: string, given: string | undefined, path: string) => (given === undefined ? [] : [{ key, given, path }]);
  problems.push(
    ...findPathProblems(rootDir, {
      written: [
        ...sections.flatMap((section) => [
          ...configured(`sections.${section.name}.types`, config.sections[section.name]!.types, section.typesFile),
          ...configured(`sections.${section.name}.features`, config.sections[section.name]!.features, section.featuresDir),
        ]),
        ...configured('features', config.features, featuresRoot),
        ...configured('connections', config.connections, connectionsDir),
      ],
      templates: configured('templates', config.templates, templatesDir ?? '')[0],
      migrations: { key: 'migrations', given: config.migrations, path: migrationsDir },
    }).map((problem) => `${name}: ${problem}`),
  );
  const [first, ...rest] = problems;
  if (first) throw new UserError(first, rest);

  return {
    configFile,
    rootDir,
    migrationsDir,
    sections,
    drizzleCasing: config.drizzle?.casing,
    databaseUrl: config.database?.url,
    databaseLocal: config.database?.local ?? false,
    dataDir: at(config.database?.dataDir ?? '.sections/pglite'),
    shadowUrl: config.shadow?.url,
    connectionsDir,
    templatesDir,
    publicIdReferences: config.publicIdReferences ?? {},
    missingStubs: config.missingStubs ?? 'error',
    boundaries: { foreignKeys: config.boundaries?.foreignKeys ?? 'error', imports: config.boundaries?.imports ?? 'error' },
    lintRules: config.lint?.rules ?? {},
    cacheDir: cacheDirOf(configFile),
  };
}
