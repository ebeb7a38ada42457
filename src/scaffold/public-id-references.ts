import { configuredPublicIdReference } from '../model/config-references.js';
import type { ColumnModel, ProjectModel, TableModel } from '../model/project-model.js';

export interface PublicIdReference {
  /** The column holding the other row's public id, e.g. `core_part_public_id` or `authorPublicId`. */
  readonly column: string;
  /** The part of the column's name before its public-id suffix: `core_part`, `author`. */
  readonly prefix: string;
  readonly table: TableModel;
}

/** A public-id column by either naming: `*_public_id` (snake_case) or `*PublicId` (camelCase columns). */
const REFERENCE = /^(.+?)(?:_public_id|PublicId)$/;

/**
 * A table's own public id: `public_id`, or `publicId` where columns are camelCase, when it names
 * one row (unique, or the primary key). A versioned table repeats its rows' public ids: nothing can
 * look one row up by it, nor reference it.
 */
export function publicIdColumn(table: TableModel): ColumnModel | undefined {
  const column = table.columns.find((each) => each.name === 'public_id' || each.name === 'publicId');
  const isKey = table.primaryKey.length === 1 && table.primaryKey[0] === column?.name;
  return column && (column.unique || isKey) ? column : undefined;
}

/** Names compared without case and underscores: `core_part`, `corePart` and `CorePart` are one. */
const folded = (name: string) => name.toLowerCase().replace(/_/g, '');

/**
 * The example references rows of other sections by public id: `vendor_inventory_public_id` (the
 * table's name), `core_part_public_id` (section, then table), `authorPublicId` beside a table
 * `Author`, or anything `publicIdReferences` maps. Only references into another section that has a
 * public-id column count.
 */
export function findPublicIdReferences(model: ProjectModel, table: TableModel): PublicIdReference[] {
  const others = model.sections.filter((section) => section.name !== table.section);
  const named = (name: string) => (candidate: TableModel) => [name, `${name}s`].includes(folded(candidate.name));
  const candidates = (prefix: string): TableModel[] => {
    const wanted = folded(prefix);
    return [
      ...others.flatMap((section) => section.tables.filter(named(wanted))),
      ...others.flatMap((section) => {
        const sectionPrefix = folded(section.name);
        return wanted.startsWith(sectionPrefix) && wanted.length > sectionPrefix.length ? section.tables.filter(named(wanted.slice(sectionPrefix.length))) : [];
      }),
    ];
  };
  const own = publicIdColumn(table);
  return table.columns.flatMap((column): PublicIdReference[] => {
    if (column === own) return [];
    const prefix = REFERENCE.exec(column.name)?.[1];
    const mapped = configuredPublicIdReference(model.config.publicIdReferences, table, column.name);
    const found = mapped
      ? others.flatMap((section) => section.tables.filter((candidate) => candidate.name === mapped.name && candidate.schema === mapped.schema))
      : prefix
        ? candidates(prefix)
        : [];
    // `userPublicId` beside `public.User` and `auth.User` means the public one.
    const target = [...found].sort((a, b) => Number(b.schema === 'public') - Number(a.schema === 'public')).find((candidate) => publicIdColumn(candidate) !== undefined);
    return target ? [{ column: column.name, prefix: prefix ?? column.name, table: target }] : [];
  });
}
