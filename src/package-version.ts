import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The installed version of a dependency, read from the package.json above its resolved entry:
 * `require('<name>/package.json')` fails for packages whose `exports` leave it out (drizzle-kit,
 * drizzle-orm). `undefined` when the package is not installed.
 */
export function packageVersion(name: string): string | undefined {
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    return undefined;
  }
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (json.name === name) return json.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** This package's own version, from its package.json (the same path from src/ and dist/). */
export function ownVersion(): string {
  return (require('../package.json') as { version: string }).version;
}

/** The versions of everything that shapes generated output: a new one of any invalidates what was cached. */
export function outputToolVersions(): string {
  return [`sections@${ownVersion()}`, ...['drizzle-kit', 'drizzle-orm', 'kysely-codegen'].map((name) => `${name}@${packageVersion(name) ?? '?'}`)].join(' ');
}
