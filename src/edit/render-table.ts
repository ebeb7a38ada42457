import type { ColumnType } from './column-spec.js';
import { quote } from './column-default.js';
import type { ResolvedColumn, TableDefinition } from './table-definition.js';

export type ImportModule = 'drizzle-orm/pg-core' | 'drizzle-orm';

/** How the schema module refers to an import: `pgTable`, an alias, or `pg.pgTable` under a namespace import. */
export type ImportName = (module: ImportModule, name: string) => string;

/**
 * The `export const x = pgTable(...)` statement for a new table: `id` a bigint identity primary key,
 * `public_id` uuid, the given columns, `created_at` / `updated_at` with time zone. The standard columns
 * are the ones the migration lint recommends (prefer-identity, prefer-bigint-over-int,
 * prefer-timestamptz), so a scaffolded table is never flagged by the tool that scaffolded it.
 */
export function renderTable(table: TableDefinition, use: ImportName, indent = '  '): string {
  const pg = (name: string) => use('drizzle-orm/pg-core', name);
  // Asked first so a new import lists it first, as the example's imports do.
  const pgTable = pg('pgTable');
  const lines = [
    `id: ${pg('bigint')}('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),`,
    `publicId: ${pg('uuid')}('public_id').notNull().unique().default(${use('drizzle-orm', 'sql')}\`gen_random_uuid()\`),`,
    ...table.columns.map((column) => `${column.key}: ${renderColumn(column, pg)},`),
    `createdAt: ${pg('timestamp')}('created_at', { withTimezone: true }).defaultNow().notNull(),`,
    `updatedAt: ${pg('timestamp')}('updated_at', { withTimezone: true }).defaultNow().notNull(),`,
  ];
  return `export const ${table.exportName} = ${pgTable}(${quote(table.name)}, {\n${lines.map((line) => `${indent}${line}`).join('\n')}\n});\n`;
}

function renderColumn(column: ResolvedColumn, pg: (name: string) => string): string {
  const { spec } = column;
  return [
    builder(spec.type, quote(spec.name), column.enumExport, pg),
    column.reference ? `.references(() => ${column.reference.exportName}.${column.reference.columnKey})` : '',
    column.defaultCall ?? '',
    spec.notNull ? '.notNull()' : '',
    spec.unique ? '.unique()' : '',
  ].join('');
}

function builder(type: ColumnType, name: string, enumExport: string | undefined, pg: (name: string) => string): string {
  switch (type.kind) {
    case 'varchar':
      return `${pg('varchar')}(${name}, { length: ${type.length} })`;
    case 'numeric': {
      const options = [type.precision === undefined ? '' : `precision: ${type.precision}`, type.scale === undefined ? '' : `scale: ${type.scale}`].filter(Boolean);
      return `${pg('numeric')}(${name}${options.length > 0 ? `, { ${options.join(', ')} }` : ''})`;
    }
    case 'bigint':
      // drizzle requires a mode; number is what the example's integer ids use.
      return `${pg('bigint')}(${name}, { mode: 'number' })`;
    case 'timestamptz':
      return `${pg('timestamp')}(${name}, { withTimezone: true })`;
    case 'enum':
      return `${enumExport!}(${name})`;
    default:
      return `${pg(type.kind)}(${name})`;
  }
}
