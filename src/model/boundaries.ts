import { readdir, readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { ProjectModel } from './project-model.js';
import { ownerOf } from './project-model.js';

export interface BoundaryViolation {
  readonly kind: 'foreign-key' | 'import';
  readonly section: string;
  readonly file: string | null;
  readonly message: string;
}

/**
 * A foreign key from one section's table into another's ties the sections' migrations and data
 * together; the convention is a `<table>_public_id uuid` column holding the other row's public id.
 */
export function findForeignKeyViolations(model: ProjectModel): BoundaryViolation[] {
  return model.sections.flatMap((section) =>
    section.tables.flatMap((table) =>
      table.foreignKeys.flatMap((foreignKey) => {
        const target = ownerOf(model, foreignKey.foreignTable);
        if (!target || target.name === section.name) return [];
        return [
          {
            kind: 'foreign-key' as const,
            section: section.name,
            file: section.config.schemaFile,
            message:
              `foreign key ${table.name}(${foreignKey.columns.join(', ')}) → ${foreignKey.foreignTable}(${foreignKey.foreignColumns.join(', ')}) ` +
              `crosses from section "${section.name}" into section "${target.name}"; reference it by public id instead: ` +
              `a column \`${foreignKey.foreignTable}_public_id uuid\` without a foreign key`,
          },
        ];
      }),
    ),
  );
}

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

/**
 * A section's features may use another section's repositories and services (the example's
 * VendorInventoryService does), but never its types or its connection: those would let it query
 * the other section's tables directly.
 */
export async function findImportViolations(config: ResolvedConfig): Promise<BoundaryViolation[]> {
  const privateModules = config.sections.map((section) => ({
    section: section.name,
    modules: [withoutExtension(section.typesFile), withoutExtension(join(config.connectionsDir, section.name))],
  }));
  const violations: BoundaryViolation[] = [];
  for (const section of config.sections) {
    for (const file of await sourceFiles(section.featuresDir)) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(IMPORT_SPECIFIER)) {
        const specifier = match[1]!;
        if (!specifier.startsWith('.')) continue;
        const target = withoutExtension(resolve(dirname(file), specifier));
        const owner = privateModules.find((entry) => entry.section !== section.name && entry.modules.includes(target));
        if (!owner) continue;
        const what = owner.modules[0] === target ? 'types' : 'connection';
        violations.push({
          kind: 'import',
          section: section.name,
          file,
          message: `imports section "${owner.section}"'s ${what} ('${specifier}'); use that section's repository or service instead`,
        });
      }
    }
  }
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
