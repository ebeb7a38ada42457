import { parseTableName } from './table-name.js';
import type { ResolvedConfig, ResolvedSection } from '../config/resolved-config.js';

export interface ColumnModel {
  /** The column's name in the database (after drizzle casing). */
  readonly name: string;
  /** The SQL type drizzle declares, e.g. `varchar(200)`, `uuid`, `vendor_order_status`. */
  readonly sqlType: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean;
}

export interface ForeignKeyModel {
  /** The constraint's name as drizzle-kit writes it into the migration (explicit, or derived after casing). */
  readonly name: string;
  readonly columns: readonly string[];
  readonly foreignTable: string;
  readonly foreignSchema: string;
  readonly foreignColumns: readonly string[];
}

export interface TableModel {
  readonly name: string;
  /** PostgreSQL schema; `public` unless the table is declared with pgSchema(). */
  readonly schema: string;
  /** The name the section's schema module exports it under. */
  readonly exportName: string;
  readonly section: string;
  readonly columns: readonly ColumnModel[];
  /** The primary key's columns, in key order: one, several (a composite key) or none. */
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly ForeignKeyModel[];
}

export interface EnumModel {
  readonly name: string;
  readonly schema: string;
  readonly exportName: string;
  readonly section: string;
  readonly values: readonly string[];
}

export interface SectionModel {
  readonly name: string;
  readonly config: ResolvedSection;
  readonly tables: readonly TableModel[];
  readonly enums: readonly EnumModel[];
  /**
   * Exports of `relations()` into (or of) another section's tables: the section's drizzle instance
   * leaves them out, since drizzle cannot resolve them without the other section's tables.
   */
  readonly foreignRelations: readonly string[];
  /** Tables the config assigns to this section beyond its schema (`extraTables`). */
  readonly extraTables: readonly string[];
  /** The kysely-codegen include pattern: the user's (alternation made explicit) or derived from the tables. */
  readonly includePattern: string;
  readonly excludePattern: string | undefined;
}

/**
 * The one model of sections and table ownership every command works from: which section owns
 * which table and enum, derived from the schema modules themselves.
 */
export interface ProjectModel {
  readonly config: ResolvedConfig;
  readonly sections: readonly SectionModel[];
  /** Every section's drizzle exports under collision-free keys, for drizzle-kit. */
  readonly drizzleExports: Readonly<Record<string, unknown>>;
}

/** `schema.table`, the key ownership is decided by. */
export function qualifiedName(schema: string, name: string): string {
  return `${schema}.${name}`;
}

/** A `qualifiedName` as messages show it: bare in `public`. */
export function shownName(key: string): string {
  return key.startsWith('public.') ? key.slice('public.'.length) : key;
}

/** A table's name as messages show it: bare in `public`, schema-qualified elsewhere. */
export function shownTableName(schema: string, name: string): string {
  return shownName(qualifiedName(schema, name));
}

export function ownerOf(model: ProjectModel, table: string, schema = 'public'): SectionModel | undefined {
  return model.sections.find(
    (section) =>
      section.tables.some((candidate) => candidate.name === table && candidate.schema === schema) ||
      section.extraTables.some((extra) => {
        const named = parseTableName(extra);
        return named.name === table && named.schema === schema;
      }),
  );
}
