import { configuredPublicIdReference } from '../model/config-references.js';
import type { ProjectModel, TableModel } from '../model/project-model.js';

export interface PublicIdReference {
  /** The column holding the other row's public id, e.g. `core_part_public_id`. */
  readonly column: string;
  readonly table: TableModel;
}

const SUFFIX = '_public_id';

/**
 * The example references rows of other sections by public id: `vendor_inventory_public_id` (the
 * table's name), `core_part_public_id` (section, then table) or anything `publicIdReferences`
 * maps. Only references into another section that has a `public_id` column count.
 */
export function findPublicIdReferences(model: ProjectModel, table: TableModel): PublicIdReference[] {
  const others = model.sections.filter((section) => section.name !== table.section);
  const candidates = (prefix: string): TableModel[] => [
    ...others.flatMap((section) => section.tables.filter((candidate) => candidate.name === prefix || candidate.name === `${prefix}s`)),
    ...others.flatMap((section) =>
      prefix.startsWith(`${section.name}_`)
        ? section.tables.filter((candidate) => [prefix.slice(section.name.length + 1), `${prefix.slice(section.name.length + 1)}s`].includes(candidate.name))
        : [],
    ),
  ];
  return table.columns.flatMap((column): PublicIdReference[] => {
    if (column.name === 'public_id') return [];
    const mapped = configuredPublicIdReference(model.config.publicIdReferences, table, column.name);
    const found = mapped
      ? others.flatMap((section) => section.tables.filter((candidate) => candidate.name === mapped.name && candidate.schema === mapped.schema))
      : column.name.endsWith(SUFFIX)
        ? candidates(column.name.slice(0, -SUFFIX.length))
        : [];
    const target = found.find((candidate) => candidate.columns.some((each) => each.name === 'public_id'));
    return target ? [{ column: column.name, table: target }] : [];
  });
}
