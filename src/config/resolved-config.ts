import type { BoundarySeverity } from './config-schema.js';
import type { RuleId, RuleSetting } from '../lint/rule-ids.js';
import type { CodegenOptions } from './define-config.js';

/** A section with every path absolute and every default filled in. */
export interface ResolvedSection {
  readonly name: string;
  readonly schemaFile: string;
  readonly typesFile: string;
  readonly include: string | undefined;
  readonly exclude: string | undefined;
  readonly extraTables: readonly string[];
  readonly featuresDir: string;
  readonly codegen: Required<Pick<CodegenOptions, 'camelCase' | 'typeOnlyImports'>> & CodegenOptions;
}

/** The config as every command sees it: validated, absolute, defaults applied. */
export interface ResolvedConfig {
  /** The config file it came from. */
  readonly configFile: string;
  /** The folder of the config file; relative paths in the config are relative to it. */
  readonly rootDir: string;
  readonly migrationsDir: string;
  readonly sections: readonly ResolvedSection[];
  readonly drizzleCasing: 'snake_case' | 'camelCase' | undefined;
  readonly databaseUrl: string | undefined;
  /** `database.local`: migrate and status use the embedded database when nothing else names one. */
  readonly databaseLocal: boolean;
  readonly dataDir: string;
  readonly shadowUrl: string | undefined;
  readonly connectionsDir: string;
  readonly templatesDir: string | undefined;
  readonly publicIdReferences: Readonly<Record<string, string>>;
  readonly missingStubs: 'error' | 'warn';
  /** The config's `boundaries`: what a violation of each boundary rule is. */
  readonly boundaries: { readonly foreignKeys: BoundarySeverity; readonly imports: BoundarySeverity };
  /** The config's `lint.rules`: severities changed or rules turned off. */
  readonly lintRules: Readonly<Partial<Record<RuleId, RuleSetting>>>;
  /** Caches that only save time (introspection results, PGlite's initial data dir), like vite's node_modules/.vite. */
  readonly cacheDir: string;
}
