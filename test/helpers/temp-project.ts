import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { CONFIG_FILE_NAMES } from '../../src/config/load-config.js';
import { historyDatabaseName } from '../../src/engine/server-backend.js';
import { dropDatabase, existingDatabases, TEST_DATABASE_URL } from './pg.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * This test run's folder under the repo's `.tmp/` (made by the global setup, removed by its
 * teardown): inside the repo, so projects resolve `sections` and drizzle like a real install.
 */
export const TEST_RUN_DIR = process.env.SECTIONS_TEST_RUN_DIR ?? join(REPO_ROOT, '.tmp');

/** A folder of the test's own, removed when the test finishes. */
export function tempDir(prefix: string): string {
  mkdirSync(TEST_RUN_DIR, { recursive: true });
  const dir = mkdtempSync(join(TEST_RUN_DIR, prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TempProject {
  readonly dir: string;
  path(...parts: string[]): string;
  read(file: string): string;
  write(file: string, content: string): void;
  exists(file: string): boolean;
  /** Every file under the project with its content: compare before/after to prove nothing was written. */
  snapshot(): Record<string, string>;
  mtime(file: string): number;
}

/**
 * A temporary project in the test run's folder, so its config and schema modules resolve
 * `sections`, `drizzle-orm` and friends from the repo's node_modules like a real install would.
 * Removed when the test finishes.
 */
export function createTempProject(source: { files?: Record<string, string> } = {}): TempProject {
  const dir = tempDir('project-');
  onTestFinished(() => assertNoHistoryDatabaseLeft(dir));
  for (const [file, content] of Object.entries(source.files ?? {})) write(file, content);

  function write(file: string, content: string): void {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }

  return {
    dir,
    path: (...parts) => join(dir, ...parts),
    read: (file) => readFileSync(join(dir, file), 'utf8'),
    write,
    exists: (file) => {
      try {
        statSync(join(dir, file));
        return true;
      } catch {
        return false;
      }
    },
    snapshot: () => snapshotTree(dir),
    mtime: (file) => statSync(join(dir, file)).mtimeMs,
  };
}

/** Caches that only save time (sections', like vite's node_modules/.vite) are not the user's files. */
const CACHE_DIR = join('node_modules', '.cache');

function snapshotTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (relative(root, full) === CACHE_DIR) continue;
      if (entry.isDirectory()) walk(full);
      else files[relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

/**
 * A `--shadow-url` run on the test server keeps the project's history database there, on purpose
 * (the next run continues it): a test that made one drops it, or it fails here (and it is dropped).
 */
async function assertNoHistoryDatabaseLeft(dir: string): Promise<void> {
  const left = await existingDatabases({ names: CONFIG_FILE_NAMES.map((name) => historyDatabaseName(TEST_DATABASE_URL, join(dir, name))) });
  for (const name of left) await dropDatabase(name);
  if (left.length > 0) throw new Error(`the test left the history database ${left.join(', ')} of its project on the server`);
}
