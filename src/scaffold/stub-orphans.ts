import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationFolder } from '../migrations/migration-folder.js';
import type { PgSnapshotTable } from '../migrations/snapshot.js';
import { entityName } from '../model/name-rules.js';
import type { ProjectModel, SectionModel, TableModel } from '../model/project-model.js';
import { holdsContent, type PlannedFile } from '../planned-file.js';
import { renderer, tableStubs } from './plan-scaffold.js';
import type { Templates } from './templates.js';

/** A repository or service stub whose table is gone from its section (dropped, renamed or moved). */
export interface StubOrphan {
  readonly path: string;
  readonly section: string;
  readonly kind: 'repository' | 'service';
  /** Still exactly as `generate` scaffolded it for some version of its table: removing it loses nothing. */
  readonly pristine: boolean;
}

/** Every built-in stub says so; a file without it was written by hand and is never an orphan. */
const SCAFFOLD_MARKER = 'Scaffolded by `sections generate`';

/**
 * Stubs on disk that no table of their section accounts for: `<features>/<entity>/<entity>.repository.ts`
 * and `.service.ts` holding the scaffold marker, where generate would not write them. Whether one is
 * pristine is decided by rendering the templates for every version of every table that had that
 * entity name (today's tables of any section, and each migration snapshot's) in that section.
 */
export async function findStubOrphans(model: ProjectModel, planned: readonly PlannedFile[], folder: MigrationFolder, templates: Templates): Promise<StubOrphan[]> {
  const plannedPaths = new Set(planned.map((file) => file.path));
  const found: { path: string; section: SectionModel; entity: string; kind: StubOrphan['kind']; text: string }[] = [];
  for (const section of model.sections) {
    for (const entity of await subfolders(section.config.featuresDir)) {
      for (const kind of ['repository', 'service'] as const) {
        const path = join(section.config.featuresDir, entity, `${entity}.${kind}.ts`);
        if (plannedPaths.has(path)) continue;
        const text = await readFile(path, 'utf8').catch(() => undefined);
        if (text?.includes(SCAFFOLD_MARKER)) found.push({ path, section, entity, kind, text });
      }
    }
  }
  if (found.length === 0) return [];
  const render = renderer(templates);
  const history = await tablesOfSnapshots(folder);
  return found.map(({ path, section, entity, kind, text }) => {
    const versions = [...model.sections.flatMap((each) => each.tables), ...history].filter((table) => entityName(section.name, table) === entity);
    const pristine = versions.some((table) =>
      tableStubs(model, section, { ...table, section: section.name }, render).some((stub) => stub.path === path && holdsContent(text, stub.content)),
    );
    return { path, section: section.name, kind, pristine };
  });
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

/** Every table of every migration's snapshot, as the model describes tables. */
async function tablesOfSnapshots(folder: MigrationFolder): Promise<TableModel[]> {
  const snapshots = await Promise.all(
    folder.migrations.map(async (migration) => {
      try {
        return JSON.parse(await readFile(migration.snapshotFile, 'utf8')) as { tables?: Record<string, PgSnapshotTable> };
      } catch {
        // An unreadable snapshot only means fewer versions to compare with: the stub is kept.
        return {};
      }
    }),
  );
  return snapshots.flatMap((snapshot) => Object.values(snapshot.tables ?? {}).map(tableFromSnapshot));
}

function tableFromSnapshot(table: PgSnapshotTable): TableModel {
  const uniques = new Set(Object.values(table.uniqueConstraints ?? {}).flatMap((unique) => (unique.columns.length === 1 ? unique.columns : [])));
  const columns = Object.values(table.columns).map((column) => ({
    name: column.name,
    sqlType: String(column['type']),
    notNull: column['notNull'] === true,
    hasDefault: column['default'] !== undefined,
    primaryKey: column['primaryKey'] === true,
    unique: column['isUnique'] === true || uniques.has(column.name),
  }));
  const composite = Object.values(table.compositePrimaryKeys ?? {})[0]?.columns;
  return {
    name: table.name,
    schema: table.schema || 'public',
    exportName: table.name,
    section: '',
    columns,
    primaryKey: composite ?? columns.filter((column) => column.primaryKey).map((column) => column.name),
    foreignKeys: Object.entries(table.foreignKeys ?? {}).map(([name, key]) => ({
      name: typeof key['name'] === 'string' ? key['name'] : name,
      columns: key.columnsFrom,
      foreignTable: key.tableTo,
      foreignSchema: key.schemaTo || 'public',
      foreignColumns: key.columnsTo,
    })),
  };
}
