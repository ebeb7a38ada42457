/**
 * A project's schema as plain data, for the differential test: sections of tables, enums and
 * views, rendered to drizzle-orm schema modules the way real projects write them.
 */

export type TypeKind = 'integer' | 'bigint' | 'smallint' | 'text' | 'varchar' | 'char' | 'boolean' | 'uuid' | 'date' | 'timestamp' | 'timestamptz' | 'numeric' | 'jsonb' | 'json' | 'real' | 'point' | 'enum';

export interface ColumnType {
  readonly kind: TypeKind;
  /** varchar, char */
  readonly length?: number;
  /** numeric */
  readonly precision?: number;
  readonly scale?: number;
  /** enum: the enum's name */
  readonly enumName?: string;
}

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly array?: boolean;
  readonly notNull?: boolean;
  /** A default as SQL (`0`, `'x'`, `now()`). */
  readonly defaultSql?: string;
  readonly identity?: boolean;
  /** A stored generated column's expression. */
  readonly generatedSql?: string;
  readonly unique?: boolean;
  readonly references?: { readonly table: string; readonly column: string };
}

export interface Table {
  readonly name: string;
  /** `app` for a table in `pgSchema('app')`; otherwise public. */
  readonly schema?: 'app';
  readonly section: string;
  readonly columns: readonly Column[];
  /** One column, or several for a composite key. */
  readonly primaryKey: readonly string[];
  readonly checks: readonly { readonly name: string; readonly sql: string }[];
  readonly indexes: readonly { readonly name: string; readonly columns: readonly string[]; readonly using?: 'gin' }[];
}

export interface Enum {
  readonly name: string;
  readonly section: string;
  readonly values: readonly string[];
}

export interface View {
  readonly name: string;
  readonly section: string;
  readonly table: string;
  readonly columns: readonly Column[];
}

export interface SchemaModel {
  /** In dependency order: a section may use only its own and earlier sections' tables and enums. */
  readonly sections: readonly string[];
  readonly tables: readonly Table[];
  readonly enums: readonly Enum[];
  readonly views: readonly View[];
}

export const SECTIONS = ['core', 'vendor', 'customer'] as const;

export const schemaFile = (section: string) => `db/${section}/schema.ts`;
export const typesFile = (section: string) => `db/${section}/types.ts`;

export function configText(model: SchemaModel): string {
  const sections = model.sections.map((section) => `    ${section}: { schema: '${schemaFile(section)}', types: '${typesFile(section)}' },`).join('\n');
  return `export default {\n  migrations: './db/migrations',\n  features: './features',\n  missingStubs: 'warn',\n  sections: {\n${sections}\n  },\n};\n`;
}

const identifier = (prefix: string, name: string) => `${prefix}_${name}`;
const tableVar = (table: string) => identifier('t', table);
const enumVar = (name: string) => identifier('e', name);

/** The drizzle-orm schema module of one section. */
export function renderSection(model: SchemaModel, section: string): string {
  const tables = model.tables.filter((table) => table.section === section);
  const enums = model.enums.filter((entry) => entry.section === section);
  const views = model.views.filter((view) => view.section === section);
  const imports = new Map<string, Set<string>>();
  const need = (from: string, name: string) => imports.set(from, (imports.get(from) ?? new Set()).add(name));
  const core = new Set<string>(['pgTable']);
  const body: string[] = [];

  if (tables.some((table) => table.schema === 'app')) {
    core.add('pgSchema');
    body.push(`export const app = pgSchema('app');`);
  }
  for (const entry of enums) {
    core.add('pgEnum');
    body.push(`export const ${enumVar(entry.name)} = pgEnum('${entry.name}', [${entry.values.map((value) => `'${value}'`).join(', ')}]);`);
  }
  const useEnum = (name: string) => {
    const owner = model.enums.find((entry) => entry.name === name)!;
    if (owner.section !== section) need(`../${owner.section}/schema`, enumVar(name));
  };
  const useTable = (name: string) => {
    const owner = model.tables.find((table) => table.name === name)!;
    if (owner.section !== section) need(`../${owner.section}/schema`, tableVar(name));
  };
  let usesSql = false;
  const column = (entry: Column, inline: boolean): string => {
    let code: string;
    const { type } = entry;
    switch (type.kind) {
      case 'enum':
        useEnum(type.enumName!);
        code = `${enumVar(type.enumName!)}('${entry.name}')`;
        break;
      case 'varchar':
      case 'char':
        core.add(type.kind);
        code = `${type.kind}('${entry.name}', { length: ${type.length} })`;
        break;
      case 'numeric':
        core.add('numeric');
        code = `numeric('${entry.name}', { precision: ${type.precision}, scale: ${type.scale} })`;
        break;
      case 'bigint':
        core.add('bigint');
        code = `bigint('${entry.name}', { mode: 'number' })`;
        break;
      case 'timestamptz':
        core.add('timestamp');
        code = `timestamp('${entry.name}', { withTimezone: true })`;
        break;
      case 'point':
        core.add('point');
        code = `point('${entry.name}', { mode: 'xy' })`;
        break;
      default:
        core.add(type.kind);
        code = `${type.kind}('${entry.name}')`;
    }
    if (entry.array) code += '.array()';
    if (entry.identity) code += '.generatedAlwaysAsIdentity()';
    if (entry.generatedSql) {
      usesSql = true;
      code += `.generatedAlwaysAs(sql\`${entry.generatedSql}\`)`;
    }
    if (entry.notNull) code += '.notNull()';
    if (entry.defaultSql !== undefined) {
      usesSql = true;
      code += `.default(sql\`${entry.defaultSql}\`)`;
    }
    if (entry.unique) code += '.unique()';
    if (inline && entry.references) {
      useTable(entry.references.table);
      code += `.references(() => ${tableVar(entry.references.table)}.${entry.references.column})`;
    }
    return code;
  };

  for (const table of tables) {
    const columns = table.columns.map((entry) => {
      const primary = table.primaryKey.length === 1 && table.primaryKey[0] === entry.name ? '.primaryKey()' : '';
      return `  ${entry.name}: ${column(entry, true)}${primary},`;
    });
    const extras: string[] = [];
    if (table.primaryKey.length > 1) {
      core.add('primaryKey');
      extras.push(`primaryKey({ columns: [${table.primaryKey.map((name) => `t.${name}`).join(', ')}] })`);
    }
    for (const check of table.checks) {
      core.add('check');
      usesSql = true;
      extras.push(`check('${check.name}', sql\`${check.sql}\`)`);
    }
    for (const index of table.indexes) {
      core.add('index');
      extras.push(`index('${index.name}')${index.using ? `.using('${index.using}', ${index.columns.map((name) => `t.${name}`).join(', ')})` : `.on(${index.columns.map((name) => `t.${name}`).join(', ')})`}`);
    }
    const factory = table.schema === 'app' ? 'app.table' : 'pgTable';
    const third = extras.length > 0 ? `, (t) => [\n  ${extras.join(',\n  ')},\n]` : '';
    body.push(`export const ${tableVar(table.name)} = ${factory}('${table.name}', {\n${columns.join('\n')}\n}${third});`);
  }
  for (const view of views) {
    core.add('pgView');
    usesSql = true;
    const columns = view.columns.map((entry) => `  ${entry.name}: ${column({ ...entry, notNull: false, defaultSql: undefined, unique: false, identity: false, generatedSql: undefined, references: undefined }, false)},`);
    body.push(`export const v_${view.name} = pgView('${view.name}', {\n${columns.join('\n')}\n}).as(sql\`select ${view.columns.map((entry) => `"${entry.name}"`).join(', ')} from "${view.table}"\`);`);
  }

  const lines: string[] = [];
  if (usesSql) lines.push(`import { sql } from 'drizzle-orm';`);
  lines.push(`import { ${[...core].sort().join(', ')} } from 'drizzle-orm/pg-core';`);
  for (const [from, names] of [...imports].sort()) lines.push(`import { ${[...names].sort().join(', ')} } from '${from}';`);
  return `${lines.join('\n')}\n\n${body.join('\n\n')}\n`;
}

/** Every file of the project for this model. */
export function projectFiles(model: SchemaModel): Record<string, string> {
  return {
    'sections.config.ts': configText(model),
    ...Object.fromEntries(model.sections.map((section) => [schemaFile(section), renderSection(model, section)])),
  };
}
