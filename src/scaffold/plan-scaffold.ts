import { dirname, join, relative, sep } from 'node:path';
import { toKyselyCamelCase, toKyselyPascalCase } from '../model/kysely-case.js';
import { entityName, entityTypeName, typesKey } from '../model/name-rules.js';
import type { ProjectModel, SectionModel, TableModel } from '../model/project-model.js';
import type { PlannedFile } from '../planned-file.js';
import { findPublicIdReferences, publicIdColumn } from './public-id-references.js';
import { renderTemplate } from './render-template.js';
import { loadTemplates, type TemplateName, type Templates } from './templates.js';

/**
 * The stubs `generate` creates once and then leaves to the user: per table a repository and a
 * service in the section's features folder, per section a connection module over one shared pool.
 * Beside them, generated and kept current like the types: `transaction`, which hands every
 * section its executor over one database transaction.
 */
export async function planScaffold(model: ProjectModel, templates?: Templates): Promise<PlannedFile[]> {
  const render = renderer(templates ?? (await loadTemplates(model.config.templatesDir)));
  const files: PlannedFile[] = [];
  for (const section of model.sections) {
    for (const table of section.tables) files.push(...tableStubs(model, section, table, render));
    files.push({ path: join(model.config.connectionsDir, `${section.name}.ts`), content: renderConnection(model, section, render), ownership: 'scaffold', kind: 'connection', section: section.name });
  }
  files.push({ path: join(model.config.connectionsDir, 'pool.ts'), content: render('pool.ts.tpl', {}), ownership: 'scaffold', kind: 'connection' });
  files.push({ path: join(model.config.connectionsDir, 'transaction.ts'), content: renderTransaction(model, render), ownership: 'generated', kind: 'connection' });
  return files;
}

type Render = (name: TemplateName, values: Record<string, string>) => string;

export function renderer(templates: Templates): Render {
  return (name, values) => renderTemplate(templates[name].file, templates[name].text, values);
}

/** A table's repository and service, as `generate` scaffolds them into the section's features folder. */
export function tableStubs(model: ProjectModel, section: SectionModel, table: TableModel, render: Render): PlannedFile[] {
  // A table without columns (PostgreSQL allows one, e.g. on the way to dropping it) has nothing to query by.
  if (table.columns.length === 0) return [];
  return [
    { path: repositoryPath(section, table), content: renderRepository(section, table, render), ownership: 'scaffold', kind: 'repository', section: section.name },
    { path: servicePath(section, table), content: renderService(model, section, table, render), ownership: 'scaffold', kind: 'service', section: section.name },
  ];
}

function repositoryPath(section: SectionModel, table: TableModel): string {
  const entity = entityName(section.name, table);
  return join(section.config.featuresDir, entity, `${entity}.repository.ts`);
}

function servicePath(section: SectionModel, table: TableModel): string {
  const entity = entityName(section.name, table);
  return join(section.config.featuresDir, entity, `${entity}.service.ts`);
}

/** Names exactly as kysely-codegen writes them into the section's types file. */
function keyOf(section: SectionModel, name: string): string {
  return section.config.codegen.camelCase ? toKyselyCamelCase(name) : name;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Names a by-key method's parameter cannot take: the other parameter's, and the reserved words an identifier may spell. */
const NOT_A_PARAMETER = new Set(['values', 'result', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await']);

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The by-key methods (`findById`, `update`, `delete`) take the whole primary key: a composite key
 * `(id, created_at)` is `findById({ id, createdAt })`, so no method that looks like it touches one
 * row touches every version of it. A table without a primary key gets none.
 */
function byKeyValues(section: SectionModel, table: TableModel, Entity: string): Record<string, string> | undefined {
  const keys = table.primaryKey.map((column) => keyOf(section, column));
  if (keys.length === 0) return undefined;
  if (keys.length === 1) {
    const [key] = keys as [string];
    // The key names the parameter (`findById(id)`) unless it cannot: `update(values, values)`, `delete(default)`.
    const param = IDENTIFIER.test(key) && !NOT_A_PARAMETER.has(key) ? key : 'key';
    return { idKey: key, keyParam: param, KeyType: `${Entity}['${key}']`, keyWhere: `.where('${key}', '=', ${param})` };
  }
  return {
    idKey: keys[0]!,
    keyParam: 'key',
    KeyType: `Pick<${Entity}, ${keys.map((key) => `'${key}'`).join(' | ')}>`,
    keyWhere: keys.map((key) => `.where('${key}', '=', key${IDENTIFIER.test(key) ? `.${key}` : `['${key}']`})`).join(''),
  };
}

function renderRepository(section: SectionModel, table: TableModel, render: Render): string {
  const file = repositoryPath(section, table);
  const Entity = entityTypeName(table);
  const publicId = publicIdColumn(table);
  // A page is stable only when ordered by a unique key: the whole primary key, else a unique column.
  const unique = publicId ?? table.columns.find((column) => column.unique);
  const orderColumns = table.primaryKey.length > 0 ? table.primaryKey : [(unique ?? table.columns[0]!).name];
  const orderKeys = orderColumns.map((column) => keyOf(section, column));
  const base = { Entity, tableKey: typesKey(section.config.codegen.camelCase, table), orderKey: orderKeys[0]!, orderBy: orderKeys.map((key) => `.orderBy('${key}')`).join('') };
  const byKey = byKeyValues(section, table, Entity);
  const singleKey = table.primaryKey.length === 1 ? table.primaryKey[0] : undefined;
  const foreignKeyColumns = [...new Set(table.foreignKeys.filter((key) => key.columns.length === 1).map((key) => key.columns[0]!))].filter((column) => column !== singleKey);
  const methods = [
    byKey ? render('repository-by-id.ts.tpl', { ...base, ...byKey }) : '',
    publicId ? render('repository-by-public-id.ts.tpl', { ...base, publicIdKey: keyOf(section, publicId.name) }) : '',
    ...foreignKeyColumns.map((column) =>
      render('repository-find-by.ts.tpl', { ...base, Column: toKyselyPascalCase(column), columnKey: keyOf(section, column) }),
    ),
  ].join('');
  return render('repository.ts.tpl', {
    ...base,
    table: displayTableName(table),
    section: section.name,
    typesImport: importPath(file, section.config.typesFile),
    methods,
  });
}

function displayTableName(table: TableModel): string {
  return table.schema === 'public' ? table.name : `${table.schema}.${table.name}`;
}

function renderService(model: ProjectModel, section: SectionModel, table: TableModel, render: Render): string {
  const file = servicePath(section, table);
  const Entity = entityTypeName(table);
  const references = findPublicIdReferences(model, table);
  const referencedTables = [...new Set(references.map((reference) => reference.table))];
  const imports = referencedTables
    .map((referenced) => {
      const refSection = model.sections.find((candidate) => candidate.name === referenced.section)!;
      const RefEntity = entityTypeName(referenced);
      return `import type { ${RefEntity}, ${RefEntity}Repository } from '${importPath(file, repositoryPath(refSection, referenced))}';\n`;
    })
    .join('');
  const dependencies = referencedTables
    .map((referenced) => `\n    protected readonly ${lowerFirst(entityTypeName(referenced))}Repository: ${entityTypeName(referenced)}Repository,`)
    .join('');
  const methods = references
    .map((reference) => {
      const refSection = model.sections.find((candidate) => candidate.name === reference.table.section)!;
      const RefEntity = entityTypeName(reference.table);
      const label = toKyselyPascalCase(reference.prefix);
      return render('service-enrich.ts.tpl', {
        refTable: displayTableName(reference.table),
        refSection: refSection.name,
        column: reference.column,
        columnKey: keyOf(section, reference.column),
        RefEntity,
        refVar: lowerFirst(RefEntity),
        refPublicIdKey: keyOf(refSection, publicIdColumn(reference.table)!.name),
        Label: label,
        label: lowerFirst(label),
      });
    })
    .join('');
  return render('service.ts.tpl', {
    Entity,
    entity: entityName(section.name, table),
    entityVar: lowerFirst(Entity),
    table: displayTableName(table),
    section: section.name,
    imports,
    dependencies,
    methods,
  });
}

function renderConnection(model: ProjectModel, section: SectionModel, render: Render): string {
  const file = join(model.config.connectionsDir, `${section.name}.ts`);
  const camelCase = section.config.codegen.camelCase;
  return render('connection.ts.tpl', {
    section: section.name,
    sectionVar: section.name,
    typesImport: importPath(file, section.config.typesFile),
    schemaImport: importPath(file, section.config.schemaFile),
    kyselyImports: camelCase ? 'CamelCasePlugin, Kysely, PostgresDialect, type KyselyPlugin' : 'Kysely, PostgresDialect, type KyselyPlugin',
    // kysely-codegen's camelCase types describe what CamelCasePlugin returns.
    kyselyPlugins: camelCase ? 'new CamelCasePlugin()' : '',
    ...drizzleSchemaValues(section),
  });
}

/**
 * drizzle resolves a relation only to a table in the schema it is given, and a query of a table
 * with a relation it cannot resolve fails. The section's drizzle instance gets its own tables, and
 * its relations among them; those into other sections' tables are left out (their rows come
 * through that section's repositories).
 */
function drizzleSchemaValues(section: SectionModel): { ownSchema: string; drizzleSchema: string } {
  if (section.foreignRelations.length === 0) return { ownSchema: '', drizzleSchema: 'schema' };
  const left = section.foreignRelations.map((name) => `${name}: _${name}`).join(', ');
  return {
    ownSchema:
      `// Relations into other sections' tables (${section.foreignRelations.join(', ')}) are left out: drizzle cannot resolve them here.\n` +
      `const { ${left}, ...ownSchema } = schema;\n`,
    drizzleSchema: 'schema: ownSchema',
  };
}

function renderTransaction(model: ProjectModel, render: Render): string {
  const file = join(model.config.connectionsDir, 'transaction.ts');
  const sections = model.sections.map((section) => ({ name: section.name, Db: `${toKyselyPascalCase(section.name)}DB`, types: importPath(file, section.config.typesFile) }));
  const [first] = sections;
  return render('transaction.ts.tpl', {
    sectionList: sections.map((section) => section.name).join(', '),
    imports: [
      ...sections.map((section) => `import type { DB as ${section.Db} } from '${section.types}';
`),
      ...sections.map((section) => `import { ${section.name === first!.name ? `${section.name}Db, ` : ''}${section.name}Plugins } from './${section.name}.js';
`),
    ].join(''),
    fields: sections.map((section) => `  readonly ${section.name}: Transaction<${section.Db}>;`).join('\n'),
    firstSection: first!.name,
    executors: sections.map((section) => `      ${section.name}: inSection(trx, ${section.name}Plugins),`).join('\n'),
  });
}

/** An ESM import specifier from one source file to another: relative, with the `.js` extension. */
function importPath(fromFile: string, toFile: string): string {
  const path = relative(dirname(fromFile), toFile).split(sep).join('/').replace(/\.(m|c)?tsx?$/, (_match, kind: string | undefined) => `.${kind ?? ''}js`);
  return path.startsWith('.') ? path : `./${path}`;
}
