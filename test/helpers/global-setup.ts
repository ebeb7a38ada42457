import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertServerReachable } from './pg.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Integration tests run the built CLI, so build it first; and fail fast when the server is down. */
export default async function setup(): Promise<() => void> {
  execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  // The rest of `npm run build`: the packed empty PGlite cluster (kept when already there).
  execFileSync(process.execPath, [`${root}/scripts/pack-empty-cluster.mjs`], { cwd: root, stdio: 'inherit' });
  await assertServerReachable();
  // One folder for this run's projects and caches, removed at the end; other runs have their own.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const runDir = mkdtempSync(join(root, '.tmp', 'run-'));
  process.env.SECTIONS_TEST_RUN_DIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}
