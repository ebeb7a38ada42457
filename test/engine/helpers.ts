import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineBackend } from '../../src/engine/engine-backend.js';
import type { MigrationToRun } from '../../src/engine/migration-refused.js';
import { prepareEngine } from '../../src/engine/prepared-engine.js';
export { tempDir } from '../helpers/temp-project.js';

/** Migrations as the folder would hold them: `0000_m`, `0001_m`, … */
export function migrations(...sql: string[]): MigrationToRun[] {
  return sql.map((text, index) => ({ tag: `${String(index).padStart(4, '0')}_m`, sql: text, shownAs: `migrations/${String(index).padStart(4, '0')}_m.sql`, isNew: false }));
}

export function newMigration(sql: string): MigrationToRun {
  return { tag: '9999_new', sql, shownAs: 'migrations/9999_new.sql', isNew: true };
}

const ignoreProgress = () => undefined;

/** The tables (schema-qualified when not public) the engine finds after `history` and `next`. */
export async function tablesAfter(backend: EngineBackend, history: readonly MigrationToRun[], next?: MigrationToRun): Promise<string[]> {
  const metadata = await (await prepareEngine(backend, history, ignoreProgress)).finish(next ? [next] : []);
  return metadata.tables.map((table) => (table.schema && table.schema !== 'public' ? `${table.schema}.${table.name}` : table.name)).sort();
}

/** The pids holding the history cluster's lock in `cacheDir` (none when it is free). */
export function historyClusterHolders(cacheDir: string): number[] {
  return readdirSync(cacheDir)
    .filter((entry) => entry.endsWith('-shared.lock'))
    .map((entry) => (JSON.parse(readFileSync(join(cacheDir, entry), 'utf8')) as { pid: number }).pid);
}
