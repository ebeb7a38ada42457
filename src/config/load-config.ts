import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import type { SectionsConfig } from './define-config.js';
import type { ResolvedConfig, ResolvedSection } from './resolved-config.js';
import { forgetUserModules, importModule, useTranspileCache } from './import-module.js';

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
  return loadLocatedConfig(await locateConfig(options));
}

export async function loadLocatedConfig(location: ConfigLocation): Promise<ResolvedConfig> {
  const { configFile, shownAs: name } = location;
  const raw = await loadConfigModule(configFile, name);
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

/** `SECTIONS_CACHE_DIR`, else `node_modules/.cache/sections` beside the config. */
function cacheDirOf(configFile: string): string {
  return process.env.SECTIONS_CACHE_DIR ? resolve(process.env.SECTIONS_CACHE_DIR) : resolve(dirname(configFile), 'node_modules', '.cache', 'sections');
}

async function loadConfigModule(configFile: string, shownAs: string): Promise<unknown> {
  forgetUserModules();
  useTranspileCache(join(cacheDirOf(configFile), 'jiti'));
  const exported = await importModule(configFile, 'config', shownAs);
  const config = (exported as { default?: unknown }).default ?? exported;
  return config;
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

  const [first, ...rest] = problems;
  if (first) throw new UserError(first, rest);

  const firstSchemaDir = dirname(dirname(sections[0]!.schemaFile));
  return {
    configFile,
    rootDir,
    migrationsDir: at(config.migrations),
    sections,
    drizzleCasing: config.drizzle?.casing,
    databaseUrl: config.database?.url,
    dataDir: at(config.database?.dataDir ?? '.sections/pglite'),
    shadowUrl: config.shadow?.url,
    // The seed keeps connections/ beside schemas/ (src/shared/database/{schemas,connections}).
    connectionsDir: config.connections ? at(config.connections) : resolve(dirname(firstSchemaDir), 'connections'),
    templatesDir: config.templates ? at(config.templates) : undefined,
    publicIdReferences: config.publicIdReferences ?? {},
    missingStubs: config.missingStubs ?? 'error',
    lintRules: config.lint?.rules ?? {},
    cacheDir: cacheDirOf(configFile),
  };
}
