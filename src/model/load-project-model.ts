import type { ResolvedConfig, ResolvedSection } from '../config/resolved-config.js';
import { displayPath } from '../display-path.js';
import type { ModuleLoader } from '../config/module-loader.js';
import { UserError } from '../errors.js';
import type { EnumModel, ProjectModel, SectionModel, TableModel } from './project-model.js';
import { qualifiedName, shownName, shownTableName } from './project-model.js';
import { findNameProblems, sectionNameProblem } from './name-rules.js';
import { findPublicIdReferenceProblems } from './config-references.js';
import { describeSchemaExports } from './schema-entities.js';
import { parseTableName } from './table-name.js';
import { findCamelCaseProblem } from './camel-case-round-trip.js';
import { createTableMatcher, exactPattern, normalizePattern, type PatternSubject } from './table-pattern.js';

/**
 * Loads every section's schema module and derives who owns what. Every ownership problem is a
 * {@link UserError} naming the section(s) and the table; all are collected, the first is the message.
 */
export async function loadProjectModel(config: ResolvedConfig, cwd: string, loader: ModuleLoader): Promise<ProjectModel> {
  if (config.sections.length === 0) {
    throw new UserError(`${displayPath(cwd, config.configFile)} has no sections yet; add one with \`sections add-section <name>\``);
  }
  const loaded = await Promise.all(
    config.sections.map(async (section) => ({
      section,
      exports: await loader.import(section.schemaFile, `the schema of section "${section.name}"`, displayPath(cwd, section.schemaFile)),
    })),
  );

  const problems: string[] = config.sections.flatMap((section) => sectionNameProblem(section.name) ?? []);
  const described = loaded.map(({ section, exports }) => {
    const entities = describeSchemaExports(section.name, exports, config.drizzleCasing);
    if (entities.tables.length === 0 && section.extraTables.length === 0) {
      problems.push(`section "${section.name}": ${displayPath(cwd, section.schemaFile)} exports no table; add one with \`sections add-table ${section.name} <table>\``);
    }
    problems.push(...findNameProblems(section, entities.tables, entities.enums));
    const camelCaseProblem = findCamelCaseProblem(section, entities.tables);
    if (camelCaseProblem) problems.push(camelCaseProblem);
    return { section, exports, ...entities };
  });

  problems.push(...findDuplicateOwners(described.flatMap((entry) => entry.tables), 'table'));
  problems.push(...findDuplicateOwners(described.flatMap((entry) => entry.enums), 'enum'));
  problems.push(...findDuplicateExtraTables(config.sections, described.flatMap((entry) => entry.tables)));
  problems.push(...findPublicIdReferenceProblems(config.publicIdReferences, described.flatMap((entry) => entry.tables)));

  const everyTable: OwnedSubject[] = [
    ...described.flatMap((entry) => entry.tables),
    ...config.sections.flatMap((section) => section.extraTables.map((extra) => ({ ...parseTableName(extra), section: section.name }))),
  ];
  const sections: SectionModel[] = described.map((entry) => {
    const own = everyTable.filter((table) => table.section === entry.section.name);
    const { include, exclude, problems: patternProblems } = resolvePatterns(entry.section, own, everyTable);
    problems.push(...patternProblems);
    return {
      name: entry.section.name,
      config: entry.section,
      tables: entry.tables,
      enums: entry.enums,
      foreignRelations: entry.foreignRelations,
      extraTables: entry.section.extraTables,
      includePattern: include,
      excludePattern: exclude,
    };
  });

  const [first, ...rest] = problems;
  if (first) throw new UserError(first, rest);

  const drizzleExports: Record<string, unknown> = {};
  for (const { section, exports } of loaded) {
    for (const [name, value] of Object.entries(exports)) drizzleExports[`${section.name}__${name}`] = value;
  }
  return { config, sections, drizzleExports };
}

interface OwnedSubject extends PatternSubject {
  readonly section: string;
}

function findDuplicateOwners(entities: readonly (TableModel | EnumModel)[], kind: 'table' | 'enum'): string[] {
  const owners = new Map<string, Set<string>>();
  for (const entity of entities) {
    const key = qualifiedName(entity.schema, entity.name);
    owners.set(key, (owners.get(key) ?? new Set()).add(entity.section));
  }
  return [...owners]
    .filter(([, sections]) => sections.size > 1)
    .map(([key, sections]) => `${kind} "${shownName(key)}" is exported by sections ${[...sections].map((s) => `"${s}"`).join(' and ')}; every ${kind} belongs to exactly one section`);
}

function findDuplicateExtraTables(sections: readonly ResolvedSection[], tables: readonly TableModel[]): string[] {
  const problems: string[] = [];
  for (const section of sections) {
    for (const extra of section.extraTables) {
      const named = parseTableName(extra);
      const exporter = tables.find((table) => table.name === named.name && table.schema === named.schema);
      if (exporter) problems.push(`section "${section.name}": extraTables lists "${extra}", which section "${exporter.section}" already exports`);
      const other = sections.find((candidate) => candidate !== section && candidate.extraTables.includes(extra));
      if (other && other.name > section.name) problems.push(`table "${extra}" is listed in extraTables of sections "${section.name}" and "${other.name}"`);
    }
  }
  return problems;
}

function resolvePatterns(
  section: ResolvedSection,
  own: readonly OwnedSubject[],
  everyTable: readonly OwnedSubject[],
): { include: string; exclude: string | undefined; problems: string[] } {
  if (!section.include && !section.exclude) {
    // kysely-codegen matches names without case: `@(User)` also takes another section's `user`.
    const include = exactPattern(own, everyTable);
    const matches = createTableMatcher(include);
    const problems = everyTable
      .filter((table) => table.section !== section.name && matches(table))
      .map(
        (table) =>
          `section "${section.name}": its tables' pattern "${include}" also matches table "${shownTableName(table.schema, table.name)}" of section "${table.section}" ` +
          `(kysely-codegen matches names without case); rename one, or keep both in one section`,
      );
    return { include, exclude: undefined, problems };
  }
  const include = section.include ? normalizePattern(section.include) : exactPattern(own, everyTable);
  const exclude = section.exclude ? normalizePattern(section.exclude) : undefined;
  const included = createTableMatcher(include);
  const excluded = exclude ? createTableMatcher(exclude) : () => false;
  const selected = everyTable.filter((table) => included(table) && !excluded(table));
  const where = `section "${section.name}": include pattern "${section.include ?? include}"${exclude ? ` / exclude "${section.exclude}"` : ''}`;
  const problems: string[] = [];
  if (selected.length === 0) problems.push(`${where} matches no table`);
  for (const table of own) {
    if (!selected.includes(table)) problems.push(`${where} misses its own table "${shownTableName(table.schema, table.name)}"`);
  }
  for (const table of selected) {
    if (table.section !== section.name) {
      problems.push(`${where} matches table "${shownTableName(table.schema, table.name)}" of section "${table.section}"`);
    }
  }
  return { include, exclude, problems };
}
