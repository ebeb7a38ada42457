import type { ResolvedConfig } from '../config/resolved-config.js';
import { displayPath } from '../display-path.js';
import type { ModuleLoader } from '../config/module-loader.js';
import { loadProjectModel } from '../model/load-project-model.js';
import type { ProjectModel, SectionModel } from '../model/project-model.js';
import { describeSchemaExports } from '../model/schema-entities.js';

/**
 * The project model for commands that grow the schema. loadProjectModel refuses a section whose
 * schema exports no table, which is exactly what `add-section` creates and `add-table` fills; so
 * such sections are described on their own (their enums included) and the rest loaded as usual.
 */
export async function loadEditModel(config: ResolvedConfig, cwd: string, loader: ModuleLoader): Promise<ProjectModel> {
  if (config.sections.length === 0) return loadProjectModel(config, cwd, loader);
  const described = await Promise.all(
    config.sections.map(async (section) => {
      const exports = await loader.import(section.schemaFile, `the schema of section "${section.name}"`, displayPath(cwd, section.schemaFile));
      return { section, entities: describeSchemaExports(section.name, exports, config.drizzleCasing) };
    }),
  );
  const empty = described.filter(({ section, entities }) => entities.tables.length === 0 && section.extraTables.length === 0);
  if (empty.length === 0) return loadProjectModel(config, cwd, loader);

  const filled = config.sections.filter((section) => !empty.some((entry) => entry.section === section));
  // Only sections without tables (right after `init --sections`): nothing for the full model to load.
  const loaded = filled.length === 0 ? { config, sections: [], drizzleExports: {} } : await loadProjectModel({ ...config, sections: filled }, cwd, loader);
  const emptySections: SectionModel[] = empty.map(({ section, entities }) => ({
    name: section.name,
    config: section,
    tables: [],
    enums: entities.enums,
    foreignRelations: [],
    extraTables: [],
    includePattern: section.include ?? '',
    excludePattern: section.exclude,
  }));
  const sections = config.sections.map((section) => loaded.sections.find((entry) => entry.name === section.name) ?? emptySections.find((entry) => entry.name === section.name)!);
  return { ...loaded, sections };
}
