import type { Kysely } from 'kysely';
import type { DatabaseMetadata } from 'kysely-codegen/dist/introspector/metadata/database-metadata.js';

/**
 * One introspection of the whole migrated database, with kysely-codegen's own introspector and
 * the options its CLI uses by default, so every section's file can be serialized from it.
 * (kysely-codegen's CLI would introspect once per section.)
 */
export async function introspectDatabase(db: Kysely<any>): Promise<DatabaseMetadata> {
  const { PostgresDialect } = await loadIntrospector();
  // kysely-codegen is typed against the CommonJS declarations of the same kysely package.
  return new PostgresDialect().introspector.introspect({ db: db as never });
}

/** What `introspectDatabase` needs: kysely-codegen's dialect, and with it kysely (the engine's thread loads it ahead). */
export function loadIntrospector() {
  return import('kysely-codegen/dist/generator/dialects/postgres/postgres-dialect.js');
}

/** The metadata as plain JSON, for the introspection cache: kysely-codegen's classes, field for field. */
export interface MetadataJson {
  readonly enums: Record<string, string[] | undefined>;
  readonly tables: readonly TableJson[];
}

export interface TableJson {
  readonly columns: readonly ColumnJson[];
  readonly isPartition: boolean;
  readonly isView: boolean;
  readonly name: string;
  readonly schema?: string | undefined;
}

export interface ColumnJson {
  readonly comment: string | null;
  readonly dataType: string;
  readonly dataTypeSchema?: string | undefined;
  readonly enumValues: string[] | null;
  readonly hasDefaultValue: boolean;
  readonly isArray: boolean;
  readonly isAutoIncrementing: boolean;
  readonly isNullable: boolean;
  readonly name: string;
}

export function metadataToJson(metadata: DatabaseMetadata): MetadataJson {
  return JSON.parse(JSON.stringify({ enums: metadata.enums.enums, tables: metadata.tables })) as MetadataJson;
}

export async function metadataFromJson(json: MetadataJson): Promise<DatabaseMetadata> {
  const [{ DatabaseMetadata }, { EnumCollection }] = await Promise.all([
    import('kysely-codegen/dist/introspector/metadata/database-metadata.js'),
    import('kysely-codegen/dist/introspector/enum-collection.js'),
  ]);
  return new DatabaseMetadata({ enums: new EnumCollection({ ...json.enums }), tables: json.tables as never });
}
