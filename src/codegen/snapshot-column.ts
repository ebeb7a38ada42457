/** A column as drizzle-kit's snapshot records it. */
export interface SnapshotColumn {
  readonly name: string;
  readonly type?: unknown;
  readonly typeSchema?: unknown;
  readonly primaryKey?: unknown;
  readonly notNull?: unknown;
  readonly default?: unknown;
  readonly identity?: { readonly type?: unknown };
  readonly generated?: { readonly type?: unknown };
}

/** drizzle-kit's SQL type names, as PostgreSQL's catalog (and so kysely-codegen) names them. */
const CATALOG_TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'int4',
  integer: 'int4',
  serial: 'int4',
  smallint: 'int2',
  smallserial: 'int2',
  bigint: 'int8',
  bigserial: 'int8',
  real: 'float4',
  'double precision': 'float8',
  boolean: 'bool',
  char: 'bpchar',
  character: 'bpchar',
  'character varying': 'varchar',
  decimal: 'numeric',
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
  'time with time zone': 'timetz',
  'time without time zone': 'time',
  'bit varying': 'varbit',
};

/** NOT NULL as declared, or implied by being the primary key. */
export function isNotNull(column: SnapshotColumn): boolean {
  return column.notNull === true || column.primaryKey === true;
}

/** serial, smallserial, bigserial: an integer with a sequence of its own. */
export function isSerialType(name: string): boolean {
  return /^(small|big)?serial$/.test(name);
}

/** The `pg_type.typname` of a type as drizzle-kit names it without modifiers: `integer` → int4. */
export function catalogType(name: string): string {
  return CATALOG_TYPE_NAMES[name] ?? name;
}

/** `varchar(20)[]` → varchar, an array; `timestamp (3) with time zone` → timestamp with time zone. */
export function parseColumnType(column: SnapshotColumn): { readonly name: string; readonly isArray: boolean } | undefined {
  if (typeof column.type !== 'string') return undefined;
  const isArray = /\[\]$/.test(column.type);
  const name = column.type
    .replace(/(\[\])+$/, '')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { name, isArray };
}
