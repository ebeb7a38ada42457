// Preloaded with `node --import` into the CLI under test (no hook in product code): counts every
// write, rename and removal of a file inside SECTIONS_CRASH_PROJECT (caches under
// node_modules/.cache excepted, but not the commit record sections keeps there), and SIGKILLs the
// process at call number SECTIONS_KILL_AT, before the call happens. With SECTIONS_COUNT_FILE, the
// calls are listed there at exit.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const project = process.env.SECTIONS_CRASH_PROJECT ? resolve(process.env.SECTIONS_CRASH_PROJECT) : undefined;
const killAt = Number(process.env.SECTIONS_KILL_AT ?? 0);
const countFile = process.env.SECTIONS_COUNT_FILE;
const calls = [];

function inProject(path) {
  if (!project || path === undefined || path === null || typeof path === 'number') return false;
  const text = path instanceof URL ? fileURLToPath(path) : Buffer.isBuffer(path) ? path.toString() : typeof path === 'string' ? path : undefined;
  if (text === undefined) return false;
  const absolute = resolve(text);
  if (absolute.startsWith(join(project, 'node_modules', '.cache', 'sections', 'commit.json'))) return true;
  return absolute.startsWith(project + sep) && !absolute.startsWith(join(project, 'node_modules', '.cache') + sep);
}

function counted(name, original, pathArgs) {
  return function (...args) {
    if (pathArgs.some((index) => inProject(args[index]))) {
      calls.push(`${name} ${args.filter((_, index) => pathArgs.includes(index)).join(' -> ')}`);
      if (calls.length === killAt) process.kill(process.pid, 'SIGKILL');
    }
    return original.apply(this, args);
  };
}

const targets = [
  [fs.promises, ['writeFile', 'rename', 'rm', 'unlink', 'copyFile', 'appendFile']],
  [fs, ['writeFileSync', 'renameSync', 'rmSync', 'unlinkSync', 'copyFileSync', 'appendFileSync', 'writeFile', 'rename', 'rm', 'unlink']],
];
for (const [module, names] of targets) {
  for (const name of names) {
    const pathArgs = name.startsWith('rename') || name.startsWith('copyFile') ? [0, 1] : [0];
    module[name] = counted(name, module[name], pathArgs);
  }
}
syncBuiltinESMExports();

if (countFile) process.on('exit', () => fs.writeFileSync(countFile, JSON.stringify(calls)));
