import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertServerReachable } from './pg.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Integration tests run the built CLI, so build it first; and fail fast when the server is down. */
export default async function setup(): Promise<() => void> {
  execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  await assertServerReachable();
  return () => rmSync(`${root}/.tmp`, { recursive: true, force: true });
}
