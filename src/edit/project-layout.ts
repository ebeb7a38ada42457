import { PACKAGE_NAME } from '../package-name.js';
import { renderDefault } from './column-default.js';
import { parseColumnSpec } from './column-spec.js';
import { camelCase } from './names.js';
import { appendTableToSchema } from './schema-module-edit.js';
import type { ResolvedColumn } from './table-definition.js';

/** The folders `init` creates, relative to the project root. */
export const DATABASE_DIR = 'src/shared/database';
export const MIGRATIONS_DIR = `${DATABASE_DIR}/migrations`;

/** A section `init` writes: its files relative to the project root, and its schema module's text. */
export interface NewSection {
  readonly name: string;
  readonly schema: string;
  readonly types: string;
  readonly schemaText: string;
}

/** A section's schema folder in init's layout: `schemas/<name>/` beside the migrations folder. */
export function sectionFiles(name: string): { readonly schema: string; readonly types: string } {
  const folder = `${DATABASE_DIR}/schemas/${name}`;
  return { schema: `${folder}/drizzle-schema.ts`, types: `${folder}/kysely-types.ts` };
}

/** The schema module of a section without tables yet; `add-table` appends to it. */
export function emptySchemaText(name: string): string {
  return `// Tables of section "${name}": every table exported here belongs to it. Add one with \`sections add-table ${name} <table>\`.\nimport { pgTable } from 'drizzle-orm/pg-core';\n`;
}

export function emptySection(name: string): NewSection {
  return { name, ...sectionFiles(name), schemaText: emptySchemaText(name) };
}

/** `init --example`: three sections of a marketplace, one table each, in text columns the migration lint has no advice about. */
const EXAMPLE_TABLES = [
  { section: 'core', table: 'manufacturer', exportName: 'manufacturers', columns: ['name:text:notnull:unique'] },
  {
    section: 'vendor',
    table: 'vendor_profile',
    exportName: 'vendorProfiles',
    columns: ['business_name:text:notnull', 'business_type:text:notnull', 'contact_email:text:notnull', 'is_verified:boolean:default=false:notnull'],
  },
  {
    section: 'customer',
    table: 'customer_profile',
    exportName: 'customerProfiles',
    columns: ['first_name:text:notnull', 'last_name:text:notnull', 'email:text:notnull:unique', 'phone:text'],
  },
] as const;

/** The example's sections with their schema modules, rendered by the same code as `add-table`. */
export function exampleSections(): NewSection[] {
  return EXAMPLE_TABLES.map((example) => {
    const files = sectionFiles(example.section);
    const header = `// Tables of section "${example.section}": every table exported here belongs to it.\n`;
    const table = { section: example.section, name: example.table, exportName: example.exportName, columns: example.columns.map(exampleColumn) };
    return { name: example.section, ...files, schemaText: appendTableToSchema(header, files.schema, table) };
  });
}

function exampleColumn(text: string): ResolvedColumn {
  const spec = parseColumnSpec(text);
  const rendered = spec.default === undefined ? undefined : renderDefault(spec.type, spec.default);
  return { spec, key: camelCase(spec.name), enumExport: undefined, defaultCall: rendered && 'call' in rendered ? rendered.call : undefined, reference: undefined };
}

export function configText(sections: readonly NewSection[]): string {
  const entries = sections.map((section) => `    ${section.name}: {\n      schema: './${section.schema}',\n      types: './${section.types}',\n    },`);
  return `import type { SectionsConfig } from '${PACKAGE_NAME}';

export default {
  migrations: './${MIGRATIONS_DIR}',
  sections: {${entries.length > 0 ? `\n${entries.join('\n')}\n  ` : ''}},
} satisfies SectionsConfig;
`;
}

export function drizzleConfigText(sections: readonly NewSection[]): string {
  const schemas = sections.map((section) => `    './${section.schema}',`);
  return `import { defineConfig } from 'drizzle-kit';

// For drizzle-kit's own commands (studio, push, ...): every section's schema, the one migrations folder.
// \`sections generate\` writes the migrations and each section's Kysely types.
export default defineConfig({
  dialect: 'postgresql',
  schema: [${schemas.length > 0 ? `\n${schemas.join('\n')}\n  ` : ''}],
  out: './${MIGRATIONS_DIR}',
  dbCredentials: { url: process.env.DATABASE_URL! },
});
`;
}
