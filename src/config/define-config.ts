import type { RuleId, RuleSetting } from '../lint/rule-ids.js';

/**
 * Options passed through to kysely-codegen, globally or per section.
 * Defaults match kysely-codegen's CLI except `camelCase`, which is on because the
 * scaffolded repositories query `vendorInventory` and `publicId`.
 */
export interface CodegenOptions {
  /** Property and table names in camelCase (`--camel-case`). Default `true`. */
  readonly camelCase?: boolean;
  /** Emit enums as runtime TypeScript enums (`--runtime-enums`). Default `false`. */
  readonly runtimeEnums?: boolean | 'pascal-case' | 'screaming-snake-case';
  /** Use `import type` (`--type-only-imports`). Default `true`, as in kysely-codegen. */
  readonly typeOnlyImports?: boolean;
  /** How `date` columns are typed (`--date-parser`). */
  readonly dateParser?: 'string' | 'timestamp';
  /** How `numeric` columns are typed (`--numeric-parser`). */
  readonly numericParser?: 'number' | 'number-or-string' | 'string';
  /** Map a PostgreSQL type name to a TypeScript type (`--type-mapping`). */
  readonly typeMapping?: Readonly<Record<string, string>>;
  /** Extra imports at the top of the types file (`--custom-imports`). */
  readonly customImports?: Readonly<Record<string, string>>;
}

export interface SectionConfig {
  /** The section's drizzle-orm schema module (TypeScript or JavaScript). */
  readonly schema: string;
  /** Where the section's kysely types are written. */
  readonly types: string;
  /**
   * A kysely-codegen include pattern (micromatch). Optional: by default the pattern is derived
   * from the tables the schema exports. A bare alternation such as `customer_*|wishlist*`
   * means alternation here (kysely-codegen itself would match nothing).
   */
  readonly include?: string;
  /** A kysely-codegen exclude pattern, applied after `include`. */
  readonly exclude?: string;
  /** Tables this section owns that its schema does not export (created by hand-written SQL). */
  readonly extraTables?: readonly string[];
  /** Folder of this section's repositories and services. Default `<features>/<section>`. */
  readonly features?: string;
  /** Per-section kysely-codegen overrides. */
  readonly codegen?: CodegenOptions;
}

export interface SectionsConfig {
  /** The one migrations folder all sections share (drizzle-kit's `out`). */
  readonly migrations: string;
  /** The sections, by name. Each owns the tables its schema module exports. */
  readonly sections: Readonly<Record<string, SectionConfig>>;
  /** kysely-codegen options for every section. */
  readonly codegen?: CodegenOptions;
  /** drizzle-kit options. */
  readonly drizzle?: {
    /** drizzle's `casing` for column names that are not given explicitly. */
    readonly casing?: 'snake_case' | 'camelCase';
  };
  /**
   * The database `migrate` and `status` work on, when neither `--url`, `--local` nor
   * `DATABASE_URL` (from the environment, else from `.env` beside this file) names one. With none
   * of them they refuse to run: there is no implicit database.
   */
  readonly database?: {
    readonly url?: string;
    /** Use the embedded PGlite database in `dataDir` (for local work with nothing installed). */
    readonly local?: boolean;
    /** The embedded database's folder. Default `.sections/pglite`. */
    readonly dataDir?: string;
  };
  /**
   * Where `generate` and `check` apply the migrations to introspect them. Default: an embedded,
   * throwaway PGlite. A server URL here (or `--shadow-url`) gets a temporary database that is
   * dropped afterwards; it is never your working database.
   */
  readonly shadow?: { readonly url?: string };
  /** Root of the features folders (`<features>/<section>/<entity>/`). Default `src/features`. */
  readonly features?: string;
  /** Folder of the per-section connection modules. Default: `connections` beside the schemas. */
  readonly connections?: string;
  /** A folder whose templates override the built-in ones (same file names). */
  readonly templates?: string;
  /**
   * Cross-section references by public id that naming cannot tell, as
   * `'<table>.<column>': '<referenced table>'`; tables as PostgreSQL names them, schema-qualified
   * outside `public`: `{ 'Document.ownerPublicId': 'User', 'billing.invoice.payer_public_id': 'auth.users' }`.
   */
  readonly publicIdReferences?: Readonly<Record<string, string>>;
  /**
   * What `check` does about a boundary violation its baseline (`sections.boundaries.json`) does
   * not accept: `'error'` fails, `'warn'` reports, `'off'` does not look. Default `'error'` for both.
   *
   * @example `{ foreignKeys: 'warn', imports: 'error' }`
   */
  readonly boundaries?: { readonly foreignKeys?: 'error' | 'warn' | 'off'; readonly imports?: 'error' | 'warn' | 'off' };
  /** What `check` does about a table without repository/service stubs. Default `'error'`. */
  readonly missingStubs?: 'error' | 'warn';
  /** The migration safety lint of `sections lint` and `check`. */
  readonly lint?: {
    /**
     * A rule's severity, or `'off'`, by rule id (see the README's rule list).
     *
     * @example `{ 'prefer-identity': 'off', 'require-concurrent-index-creation': 'error' }`
     */
    readonly rules?: Readonly<Partial<Record<RuleId, RuleSetting>>>;
  };
}

/**
 * Gives a `sections.config.ts` its types.
 *
 * @example
 * ```ts
 * import { defineConfig } from 'drizzle-sections';
 *
 * export default defineConfig({
 *   migrations: './src/shared/database/migrations',
 *   sections: {
 *     core: {
 *       schema: './src/shared/database/schemas/core/drizzle-schema.ts',
 *       types: './src/shared/database/schemas/core/kysely-types.ts',
 *     },
 *   },
 * });
 * ```
 */
export function defineConfig(config: SectionsConfig): SectionsConfig {
  return config;
}
