import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
  const tmp = join(root, '.tmp');
  mkdirSync(tmp, { recursive: true });
  removeFoldersOfEndedRuns(tmp);
  // The run's pid in its folder's name tells a later run whether this one is still going.
  const runDir = mkdtempSync(join(tmp, `run-${process.pid}-`));
  process.env.SECTIONS_TEST_RUN_DIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}

/** A run killed before its teardown leaves its folder behind: the next run removes it, unless that run is still alive. */
function removeFoldersOfEndedRuns(tmp: string): void {
  for (const entry of readdirSync(tmp)) {
    const pid = /^run-(\d+)-/.exec(entry)?.[1];
    if (pid === undefined ? entry.startsWith('run-') : !isRunning(Number(pid))) rmSync(join(tmp, entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
