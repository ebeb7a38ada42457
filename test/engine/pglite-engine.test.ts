import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite, openPgliteEngine } from '../../src/engine/pglite-engine.js';
import { REPO_ROOT } from '../helpers/temp-project.js';
import { introspect } from './fixture.js';

function tempDir(prefix: string): string {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  return mkdtempSync(join(REPO_ROOT, '.tmp', prefix));
}

describe('PGlite', () => {
  it('dumps a fresh cluster to the cache once and boots later engines from it', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const first = await openPgliteEngine({ cacheDir });
    await first.exec('create table written_after_the_dump (id int)');
    await first.close();
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^pglite-\d+\.\d+\.\d+\.tar\.gz$/)]);
    const cacheFile = join(cacheDir, readdirSync(cacheDir)[0]!);
    const written = statSync(cacheFile);
    expect(written.size).toBeGreaterThan(1_000_000);

    const second = await openPgliteEngine({ cacheDir });
    try {
      // Booted from the dump of the empty cluster, not from anything the first engine did.
      expect((await introspect(second.db)).tables).toEqual([]);
      await second.exec('create table t (id serial primary key)');
      expect((await introspect(second.db)).tables.map((table) => table.name)).toEqual(['t']);
    } finally {
      await second.close();
    }
    expect(readdirSync(cacheDir)).toEqual([readdirSync(cacheDir)[0]]);
    expect(statSync(cacheFile).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(cacheFile).ino).toBe(written.ino);
  });

  it('keeps a persistent data dir across openings, seeded from the cache', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const dataDir = join(tempDir('pglite-data-'), 'pgdata');
    const warmup = await openPgliteEngine({ cacheDir });
    await warmup.close();
    const cacheFile = join(cacheDir, readdirSync(cacheDir)[0]!);
    const cached = statSync(cacheFile).mtimeMs;

    const first = await openPglite({ dataDir, cacheDir });
    await first.exec('create table kept (id int); insert into kept values (42)');
    await first.close();
    expect(statSync(join(dataDir, 'PG_VERSION')).isFile()).toBe(true);
    // Had it run initdb instead, it would have dumped a new cache file.
    expect(statSync(cacheFile).mtimeMs).toBe(cached);

    const second = await openPglite({ dataDir, cacheDir });
    try {
      expect((await second.query<{ id: number }>('select id from kept')).rows).toEqual([{ id: 42 }]);
    } finally {
      await second.close();
    }
  });
});
