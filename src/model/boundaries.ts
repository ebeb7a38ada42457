import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { ProjectModel } from './project-model.js';
import { nameWords } from './name-words.js';
import { ownerOf, shownTableName } from './project-model.js';
import { importBoundaryKey, readImportBoundaryCache, writeImportBoundaryCache } from './import-boundary-cache.js';
import { createModuleResolver } from './module-resolver.js';

/** What a baseline entry is matched on: never a line number, so that an edit elsewhere in the file keeps it. */
export type BoundaryViolation = ForeignKeyViolation | ImportViolation;

export interface ForeignKeyViolation {
  readonly kind: 'foreign-key';
  readonly section: string;
  /** The section's schema module. */
  readonly file: string | null;
  /** The referencing table, schema-qualified outside `public`. */
  readonly table: string;
  /** The constraint's name, as the migration creates it. */
  readonly constraint: string;
  readonly message: string;
}

export interface ImportViolation {
  readonly kind: 'import';
  readonly section: string;
  /** The importing file. */
  readonly file: string;
  /** The file the import resolves to: another section's types file or connection module. */
  readonly imports: string;
  readonly message: string;
}

/**
 * A foreign key from one section's table into another's ties the sections' migrations and data
 * together; the rule is a `<table>_public_id uuid` column holding the other row's public id.
 */
export function findForeignKeyViolations(model: ProjectModel): ForeignKeyViolation[] {
  return model.sections.flatMap((section) =>
    section.tables.flatMap((table) =>
      table.foreignKeys.flatMap((foreignKey) => {
        const target = ownerOf(model, foreignKey.foreignTable, foreignKey.foreignSchema);
        if (!target || target.name === section.name) return [];
        const tableName = shownTableName(table.schema, table.name);
        const foreignTable = shownTableName(foreignKey.foreignSchema, foreignKey.foreignTable);
        return [
          {
            kind: 'foreign-key' as const,
            section: section.name,
            file: section.config.schemaFile,
            table: tableName,
            constraint: foreignKey.name,
            message:
              `foreign key ${tableName}(${foreignKey.columns.join(', ')}) → ${foreignTable}(${foreignKey.foreignColumns.join(', ')}) ` +
              `crosses from section "${section.name}" into section "${target.name}"; reference it by public id instead: ` +
              `a column \`${publicIdColumnName(foreignKey.foreignTable, foreignKey.columns[0]!)} uuid\` without a foreign key`,
          },
        ];
      }),
    ),
  );
}

/**
 * The column advised instead of a foreign key, named so the stubs find the table it references
 * (`findPublicIdReferences`), in the style of the project's columns: `userPublicId` where the
 * foreign key's column is camelCase (`userId`), else `user_public_id`, whatever the table's case.
 */
function publicIdColumnName(foreignTable: string, referencingColumn: string): string {
  const words = nameWords(foreignTable).filter(Boolean);
  const camelCase = /[a-z0-9][A-Z]/.test(referencingColumn) && !referencingColumn.includes('_');
  return camelCase ? `${words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('')}PublicId` : `${words.join('_')}_public_id`;
}

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/**
 * A section's features may use another section's repositories and services, but never its types
 * or its connection: those would let it query the other section's tables directly. Imports are
 * resolved by TypeScript with the project's tsconfig, so a `paths` alias, `baseUrl`, a package's
 * `exports` or `./x.js` for `./x.ts` lead to the file they name, as they do for tsc.
 */
export async function findImportViolations(config: ResolvedConfig): Promise<ImportViolation[]> {
  const privateModules = config.sections.map((section) => ({
    section: section.name,
    types: withoutExtension(section.typesFile),
    connection: withoutExtension(join(config.connectionsDir, section.name)),
  }));
  const filesBySection = await Promise.all(
    config.sections.map(async (section) => ({
      section,
      files: await Promise.all((await sourceFiles(section.featuresDir)).map(async (path) => ({ path, text: await readFile(path, 'utf8') }))),
    })),
  );
  if (filesBySection.every((entry) => entry.files.length === 0)) return [];
  const key = importBoundaryKey(privateModules, filesBySection.flatMap((entry) => entry.files.map((file) => ({ section: entry.section.name, ...file }))));
  const cached = await readImportBoundaryCache(config, key);
  if (cached) return [...cached];

  const resolver = await createModuleResolver(config.rootDir);
  const violations: ImportViolation[] = [];
  for (const { section, files } of filesBySection) {
    for (const { path: file, text } of files) {
      const seen = new Set<string>();
      for (const specifier of resolver.importsOf(text)) {
        const resolved = resolver.resolve(specifier, file);
        if (!resolved || seen.has(resolved)) continue;
        const target = withoutExtension(resolved);
        const owner = privateModules.find((entry) => entry.section !== section.name && (entry.types === target || entry.connection === target));
        if (!owner) continue;
        seen.add(resolved);
        violations.push({
          kind: 'import',
          section: section.name,
          file,
          imports: resolved,
          message: `imports section "${owner.section}"'s ${owner.types === target ? 'types' : 'connection'} ('${specifier}'); use that section's repository or service instead`,
        });
      }
    }
  }
  await writeImportBoundaryCache(config, { key, trace: resolver.trace(), violations });
  return violations;
}

async function sourceFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function withoutExtension(path: string): string {
  const extension = extname(path);
  return SOURCE_EXTENSIONS.has(extension) ? path.slice(0, -extension.length) : path;
}
