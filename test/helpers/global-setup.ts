import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assertServerReachable } from './pg.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Integration tests run the built CLI, so build it first; and fail fast when the server is down. */
export default async function setup(): Promise<() => void> {
  execFileSync(process.execPath, [`${root}/scripts/clean-dist.mjs`], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  // The rest of `npm run build`: the packed empty PGlite cluster (kept when already there).
  execFileSync(process.execPath, [`${root}/scripts/pack-empty-cluster.mjs`], { cwd: root, stdio: 'inherit' });
  await assertServerReachable();
  // No teardown of .tmp: each temp project removes itself, and other vitest runs may be using .tmp.
  return () => undefined;
}
