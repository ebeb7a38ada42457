import { toKyselyCamelCase } from './kysely-case.js';
import { kysely } from '../commonjs-packages.js';
import type { ResolvedSection } from '../config/resolved-config.js';
import type { TableModel } from './project-model.js';

/** Kysely's own conversions, exactly as the `new CamelCasePlugin()` of a section's connection applies them. */
function pluginCasing() {
  return new (class extends kysely().CamelCasePlugin {
    toDatabase(name: string): string {
      return this.snakeCase(name);
    }
    fromDatabase(name: string): string {
      return this.camelCase(name);
    }
  })();
}

/** Whether a name comes back as itself through Kysely's CamelCasePlugin, as a table (or schema) and as a column. */
export interface CamelCaseRoundTrip {
  readonly table: (name: string) => boolean;
  readonly column: (name: string) => boolean;
  /** The name a type's key (`toKyselyCamelCase(name)`) queries through the plugin. */
  readonly queried: (name: string) => string;
}

export function camelCaseRoundTrip(): CamelCaseRoundTrip {
  const casing = pluginCasing();
  const queried = (name: string) => casing.toDatabase(toKyselyCamelCase(name));
  const table = (name: string) => queried(name) === name;
  return { table, column: (name) => table(name) && casing.fromDatabase(name) === toKyselyCamelCase(name), queried };
}

/**
 * With `camelCase`, a section's types name `created_at` as `createdAt` and its connection's
 * CamelCasePlugin turns `createdAt` back into `created_at` in every query, and result columns into
 * the types' keys. A name the plugin cannot map back (`User` becomes `user`, `userId` becomes
 * `user_id`) compiles and fails at runtime, so it is refused, naming the first one and the fix.
 */
export function findCamelCaseProblem(section: ResolvedSection, tables: readonly TableModel[]): string | undefined {
  if (!section.codegen.camelCase) return undefined;
  const { table: survives, column: returns, queried } = camelCaseRoundTrip();
  const broken = tables.flatMap((table) => {
    const shown = table.schema === 'public' ? `"${table.name}"` : `"${table.schema}"."${table.name}"`;
    return [
      ...(survives(table.schema) ? [] : [{ what: `schema "${table.schema}"`, name: table.schema }]),
      ...(survives(table.name) ? [] : [{ what: `table ${shown}`, name: table.name }]),
      ...table.columns.filter((column) => !returns(column.name)).map((column) => ({ what: `column ${shown}."${column.name}"`, name: column.name })),
    ];
  });
  const [first] = broken;
  if (!first) return undefined;
  const more = broken.length > 1 ? ` (and ${broken.length - 1} more name${broken.length === 2 ? '' : 's'})` : '';
  return (
    `section "${section.name}": ${first.what} does not survive Kysely's CamelCasePlugin (its key ${toKyselyCamelCase(first.name)} would query ` +
    `"${queried(first.name)}")${more}; set \`codegen: { camelCase: false }\` on section "${section.name}" ` +
    `(its types then use the names as they are, with no plugin), or rename it in snake_case`
  );
}
