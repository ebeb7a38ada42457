import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { EngineBackend } from '../../src/engine/engine-backend.js';
import type { MigrationToRun } from '../../src/engine/migration-refused.js';
import { prepareEngine } from '../../src/engine/prepared-engine.js';
import { REPO_ROOT } from '../helpers/temp-project.js';

/** A folder under the repo's .tmp/, removed when the test finishes. */
export function tempDir(prefix: string): string {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(REPO_ROOT, '.tmp', prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

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
  const metadata = await (await prepareEngine(backend, history, ignoreProgress)).finish(next);
  return metadata.tables.map((table) => (table.schema && table.schema !== 'public' ? `${table.schema}.${table.name}` : table.name)).sort();
}
