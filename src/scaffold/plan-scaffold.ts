import { dirname, join, relative, sep } from 'node:path';
import { toKyselyCamelCase, toKyselyPascalCase } from 'kysely-codegen/dist/generator/utils/case-converter.js';
import { entityName } from '../model/name-rules.js';
import type { ProjectModel, SectionModel, TableModel } from '../model/project-model.js';
import type { PlannedFile } from '../planned-file.js';
import { findPublicIdReferences } from './public-id-references.js';
import { renderTemplate } from './render-template.js';
import { loadTemplates, type TemplateName } from './templates.js';

/**
 * The stubs `generate` creates once and then leaves to the user: per table a repository and a
 * service in the section's features folder, per section a connection module over one shared pool.
 * Beside them, generated and kept current like the types: `transaction`, which hands every
 * section its executor over one database transaction.
 */
export async function planScaffold(model: ProjectModel): Promise<PlannedFile[]> {
  const templates = await loadTemplates(model.config.templatesDir);
  const render = (name: TemplateName, values: Record<string, string>) => renderTemplate(templates[name].file, templates[name].text, values);
  const files: PlannedFile[] = [];
  for (const section of model.sections) {
    for (const table of section.tables) {
      // A table without columns (PostgreSQL allows one, e.g. on the way to dropping it) has nothing to query by.
      if (table.columns.length === 0) continue;
      files.push(
        { path: repositoryPath(section, table), content: renderRepository(section, table, render), ownership: 'scaffold', kind: 'repository', section: section.name },
        { path: servicePath(section, table), content: renderService(model, section, table, render), ownership: 'scaffold', kind: 'service', section: section.name },
      );
    }
    files.push({ path: join(model.config.connectionsDir, `${section.name}.ts`), content: renderConnection(model, section, render), ownership: 'scaffold', kind: 'connection', section: section.name });
  }
  files.push({ path: join(model.config.connectionsDir, 'pool.ts'), content: render('pool.ts.tpl', {}), ownership: 'scaffold', kind: 'connection' });
  files.push({ path: join(model.config.connectionsDir, 'transaction.ts'), content: renderTransaction(model, render), ownership: 'generated', kind: 'connection' });
  return files;
}

type Render = (name: TemplateName, values: Record<string, string>) => string;

function repositoryPath(section: SectionModel, table: TableModel): string {
  const entity = entityName(section.name, table.name);
  return join(section.config.featuresDir, entity, `${entity}.repository.ts`);
}

function servicePath(section: SectionModel, table: TableModel): string {
  const entity = entityName(section.name, table.name);
  return join(section.config.featuresDir, entity, `${entity}.service.ts`);
}

/** Names exactly as kysely-codegen writes them into the section's types file. */
function keyOf(section: SectionModel, name: string): string {
  return section.config.codegen.camelCase ? toKyselyCamelCase(name) : name;
}

function tableKey(section: SectionModel, table: TableModel): string {
  const key = keyOf(section, table.name);
  return table.schema === 'public' ? key : `${table.schema}.${key}`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function renderRepository(section: SectionModel, table: TableModel, render: Render): string {
  const file = repositoryPath(section, table);
  const has = (name: string) => table.columns.some((column) => column.name === name);
  const primary = table.columns.find((column) => column.primaryKey);
  const idColumn = has('id') ? 'id' : primary?.name;
  const orderKey = keyOf(section, idColumn ?? table.columns[0]!.name);
  const base = { Entity: toKyselyPascalCase(table.name), tableKey: tableKey(section, table), orderKey };
  const foreignKeyColumns = [...new Set(table.foreignKeys.filter((key) => key.columns.length === 1).map((key) => key.columns[0]!))].filter((column) => column !== idColumn);
  const methods = [
    idColumn ? render('repository-by-id.ts.tpl', { ...base, idKey: keyOf(section, idColumn) }) : '',
    has('public_id') ? render('repository-by-public-id.ts.tpl', { ...base, publicIdKey: keyOf(section, 'public_id') }) : '',
    ...foreignKeyColumns.map((column) =>
      render('repository-find-by.ts.tpl', { ...base, Column: toKyselyPascalCase(column), columnKey: keyOf(section, column) }),
    ),
  ].join('');
  return render('repository.ts.tpl', {
    ...base,
    table: table.name,
    section: section.name,
    typesImport: importPath(file, section.config.typesFile),
    methods,
  });
}

function renderService(model: ProjectModel, section: SectionModel, table: TableModel, render: Render): string {
  const file = servicePath(section, table);
  const Entity = toKyselyPascalCase(table.name);
  const references = findPublicIdReferences(model, table);
  const referencedTables = [...new Map(references.map((reference) => [reference.table.name, reference.table])).values()];
  const imports = referencedTables
    .map((referenced) => {
      const refSection = model.sections.find((candidate) => candidate.name === referenced.section)!;
      const RefEntity = toKyselyPascalCase(referenced.name);
      return `import type { ${RefEntity}, ${RefEntity}Repository } from '${importPath(file, repositoryPath(refSection, referenced))}';\n`;
    })
    .join('');
  const dependencies = referencedTables
    .map((referenced) => `\n    protected readonly ${lowerFirst(toKyselyPascalCase(referenced.name))}Repository: ${toKyselyPascalCase(referenced.name)}Repository,`)
    .join('');
  const methods = references
    .map((reference) => {
      const refSection = model.sections.find((candidate) => candidate.name === reference.table.section)!;
      const RefEntity = toKyselyPascalCase(reference.table.name);
      const label = toKyselyPascalCase(reference.column.replace(/_public_id$/, ''));
      return render('service-enrich.ts.tpl', {
        refTable: reference.table.name,
        refSection: refSection.name,
        column: reference.column,
        columnKey: keyOf(section, reference.column),
        RefEntity,
        refVar: lowerFirst(RefEntity),
        refPublicIdKey: keyOf(refSection, 'public_id'),
        Label: label,
        label: lowerFirst(label),
      });
    })
    .join('');
  return render('service.ts.tpl', {
    Entity,
    entity: entityName(section.name, table.name),
    entityVar: lowerFirst(Entity),
    table: table.name,
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
  });
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
