import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { packageVersion } from '../../src/package-version.js';
import { REPO_ROOT } from '../helpers/temp-project.js';

const installed = (name: string) => (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

it('reads the version of packages whose exports leave out package.json', () => {
  for (const name of ['drizzle-kit', 'drizzle-orm', 'kysely-codegen', '@electric-sql/pglite']) {
    expect(packageVersion(name), name).toBe(installed(name));
  }
  expect(packageVersion('no-such-package-here')).toBeUndefined();
});
