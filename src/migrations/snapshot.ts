import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';

/** drizzle-kit's PostgreSQL snapshot (meta/NNNN_snapshot.json); only what we read is typed. */
export interface PgSnapshot {
  id: string;
  prevId: string;
  version: string;
  dialect: string;
  tables: Record<string, PgSnapshotTable>;
  enums: Record<string, { name: string; schema: string; values: string[] }>;
  [key: string]: unknown;
}

export interface PgSnapshotTable {
  name: string;
  schema: string;
  columns: Record<string, { name: string; [key: string]: unknown }>;
  indexes: Record<string, { columns: { expression: string; isExpression?: boolean }[]; [key: string]: unknown }>;
  foreignKeys: Record<string, { tableTo: string; schemaTo?: string; columnsFrom: string[]; columnsTo: string[]; [key: string]: unknown }>;
  compositePrimaryKeys: Record<string, { columns: string[]; [key: string]: unknown }>;
  uniqueConstraints: Record<string, { columns: string[]; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** drizzle-kit's first `prevId`. */
export const ORIGIN_ID = '00000000-0000-0000-0000-000000000000';

/** drizzle-kit's starting point before any migration (its `dryPg`). */
export function emptySnapshot(): PgSnapshot {
  return {
    id: ORIGIN_ID,
    prevId: '',
    version: '7',
    dialect: 'postgresql',
    tables: {},
    enums: {},
    schemas: {},
    sequences: {},
    roles: {},
    policies: {},
    views: {},
    _meta: { schemas: {}, tables: {}, columns: {} },
  };
}

/** A table the two snapshots declare differently: added (no `from`), dropped (no `to`) or changed. */
export interface TableChange {
  readonly key: string;
  readonly from: PgSnapshotTable | undefined;
  readonly to: PgSnapshotTable | undefined;
}

/**
 * The tables that differ between two snapshots, each once. Compared as values: the same table
 * with its keys in another order (another drizzle-kit version, a hand-edited snapshot) is unchanged.
 */
export function changedTables(previous: PgSnapshot, current: PgSnapshot): TableChange[] {
  return [...new Set([...Object.keys(previous.tables), ...Object.keys(current.tables)])]
    .map((key) => ({ key, from: previous.tables[key], to: current.tables[key] }))
    .filter(({ from, to }) => !isDeepStrictEqual(from, to));
}

/** The snapshot key drizzle-kit uses for a table: `public.vendor_profile`. */
export function tableKey(schema: string, name: string): string {
  return `${schema || 'public'}.${name}`;
}

/**
 * A snapshot file's content, or undefined when it is missing or not JSON: for readers that can do
 * without it (`check` reports a broken folder; `latestSnapshot` refuses one).
 */
export async function readSnapshotIfReadable(file: string): Promise<PgSnapshot | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PgSnapshot;
  } catch {
    return undefined;
  }
}
