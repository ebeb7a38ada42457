import { renderDefault } from './column-default.js';
import { parseColumnSpec } from './column-spec.js';
import { camelCase } from './names.js';
import { appendTableToSchema } from './schema-module-edit.js';
import type { ResolvedColumn } from './table-definition.js';

/** The seed's folders, relative to the project root. */
export const SEED_DATABASE_DIR = 'src/shared/database';
export const SEED_MIGRATIONS_DIR = `${SEED_DATABASE_DIR}/migrations`;

export interface SeedSection {
  readonly name: string;
  readonly schema: string;
  readonly types: string;
  readonly schemaText: string;
}

/** One example table per section, as the seed's design document defines them. */
const SEED_TABLES = [
  { section: 'core', table: 'manufacturer', exportName: 'manufacturers', columns: ['name:varchar(100):notnull:unique'] },
  {
    section: 'vendor',
    table: 'vendor_profile',
    exportName: 'vendorProfiles',
    columns: ['business_name:varchar(200):notnull', 'business_type:varchar(50):notnull', 'contact_email:varchar(255):notnull', 'is_verified:boolean:default=false:notnull'],
  },
  {
    section: 'customer',
    table: 'customer_profile',
    exportName: 'customerProfiles',
    columns: ['first_name:varchar(100):notnull', 'last_name:varchar(100):notnull', 'email:varchar(255):notnull:unique', 'phone:varchar(50)'],
  },
] as const;

/** The seed's three sections with their schema modules, rendered by the same code as `add-table`. */
export function seedSections(): SeedSection[] {
  return SEED_TABLES.map((seed) => {
    const folder = `${SEED_DATABASE_DIR}/schemas/${seed.section}`;
    const header = `// Tables of section "${seed.section}": every table exported here belongs to it.\n`;
    const table = { section: seed.section, name: seed.table, exportName: seed.exportName, columns: seed.columns.map(seedColumn) };
    return {
      name: seed.section,
      schema: `${folder}/drizzle-schema.ts`,
      types: `${folder}/kysely-types.ts`,
      schemaText: appendTableToSchema(header, `${folder}/drizzle-schema.ts`, table),
    };
  });
}

function seedColumn(text: string): ResolvedColumn {
  const spec = parseColumnSpec(text);
  const rendered = spec.default === undefined ? undefined : renderDefault(spec.type, spec.default);
  return { spec, key: camelCase(spec.name), enumExport: undefined, defaultCall: rendered && 'call' in rendered ? rendered.call : undefined, reference: undefined };
}

export function seedConfigText(sections: readonly SeedSection[]): string {
  const entries = sections.map((section) => `    ${section.name}: {\n      schema: './${section.schema}',\n      types: './${section.types}',\n    },`);
  return `import type { SectionsConfig } from 'sections';

export default {
  migrations: './${SEED_MIGRATIONS_DIR}',
  sections: {
${entries.join('\n')}
  },
} satisfies SectionsConfig;
`;
}

export function seedDrizzleConfigText(sections: readonly SeedSection[]): string {
  return `import { defineConfig } from 'drizzle-kit';

// For drizzle-kit's own commands (studio, push, ...): every section's schema, the one migrations folder.
// \`sections generate\` writes the migrations and each section's Kysely types.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
${sections.map((section) => `    './${section.schema}',`).join('\n')}
  ],
  out: './${SEED_MIGRATIONS_DIR}',
  dbCredentials: { url: process.env.DATABASE_URL! },
});
`;
}
