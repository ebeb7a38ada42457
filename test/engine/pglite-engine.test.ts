import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitsOneTransaction } from '../../src/engine/engine.js';
import { openPglite, openPgliteEngine } from '../../src/engine/pglite-engine.js';
import { NO_TRANSACTION_DIRECTIVE } from '../../src/migrate/migration-state.js';
import { REPO_ROOT } from '../helpers/temp-project.js';
import { introspect } from './fixture.js';

function tempDir(prefix: string): string {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  return mkdtempSync(join(REPO_ROOT, '.tmp', prefix));
}

const tableNames = async (engine: Awaited<ReturnType<typeof openPgliteEngine>>) => (await introspect(engine.db)).tables.map((table) => table.name);

/** The cache holds the empty cluster and nothing a run left behind (a lock, a private copy). */
function expectOnlyTheCluster(cacheDir: string): string {
  const entries = readdirSync(cacheDir);
  expect(entries).toEqual([expect.stringMatching(/^pglite-\d+\.\d+\.\d+$/)]);
  return join(cacheDir, entries[0]!);
}

describe('PGlite engine', () => {
  it('keeps the empty cluster in the cache and rolls back what an engine did in it', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const first = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    await first.exec('create type mood as enum (\'calm\'); create table written_then_rolled_back (id int, m mood)');
    expect(await tableNames(first)).toEqual(['written_then_rolled_back']);
    await first.close();
    const cluster = expectOnlyTheCluster(cacheDir);
    const initialised = statSync(join(cluster, 'PG_VERSION'));

    const second = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    try {
      expect(await tableNames(second)).toEqual([]);
      await second.exec('create table t (id serial primary key)');
      expect(await tableNames(second)).toEqual(['t']);
    } finally {
      await second.close();
    }
    expectOnlyTheCluster(cacheDir);
    // Booted, not initialised again.
    expect(statSync(join(cluster, 'PG_VERSION')).ino).toBe(initialised.ino);
  });

  it('gives a second engine open at the same time a private copy, and removes it on close', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const shared = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    const concurrent = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    try {
      expect(readdirSync(cacheDir).filter((entry) => entry.startsWith('pglite-run-'))).toHaveLength(1);
      await shared.exec('create table in_shared (id int)');
      await concurrent.exec('create table in_copy (id int)');
      expect(await tableNames(shared)).toEqual(['in_shared']);
      expect(await tableNames(concurrent)).toEqual(['in_copy']);
    } finally {
      await Promise.all([shared.close(), concurrent.close()]);
    }
    expectOnlyTheCluster(cacheDir);
  });

  it('never lets statements that a rollback cannot undo into the cached cluster', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const engine = await openPgliteEngine({ cacheDir, rollbackOnly: false });
    await engine.exec('create table committed_in_a_copy (id int)');
    await engine.close();
    const next = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    try {
      expect(await tableNames(next)).toEqual([]);
    } finally {
      await next.close();
    }
  });

  it('rebuilds a cached cluster that holds leftovers instead of introspecting them', async () => {
    const cacheDir = tempDir('pglite-cache-');
    await (await openPgliteEngine({ cacheDir, rollbackOnly: true })).close();
    const cluster = expectOnlyTheCluster(cacheDir);
    // What a COMMIT slipped into a migration would leave behind.
    const polluter = await openPglite({ dataDir: cluster });
    await polluter.exec('create table leftover (id int)');
    await polluter.close();

    const engine = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    try {
      expect(await tableNames(engine)).toEqual([]);
    } finally {
      await engine.close();
    }
    const rebuilt = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    try {
      expect(await tableNames(rebuilt)).toEqual([]);
    } finally {
      await rebuilt.close();
    }
    expect(existsSync(join(cluster, 'PG_VERSION'))).toBe(true);
    expectOnlyTheCluster(cacheDir);
  });

  it('keeps a persistent data dir across openings, seeded from the cached cluster', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const dataDir = join(tempDir('pglite-data-'), 'pgdata');
    const first = await openPglite({ dataDir, cacheDir });
    await first.exec('create table kept (id int); insert into kept values (42)');
    await first.close();
    expect(statSync(join(dataDir, 'PG_VERSION')).isFile()).toBe(true);
    const cluster = expectOnlyTheCluster(cacheDir);

    const second = await openPglite({ dataDir, cacheDir });
    try {
      expect((await second.query<{ id: number }>('select id from kept')).rows).toEqual([{ id: 42 }]);
    } finally {
      await second.close();
    }
    // The seed is a copy: the cluster itself never saw the table.
    const engine = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    try {
      expect(await tableNames(engine)).toEqual([]);
    } finally {
      await engine.close();
    }
    expect(existsSync(cluster)).toBe(true);
  });
});

describe('fitsOneTransaction', () => {
  it('accepts what drizzle-kit generates', () => {
    expect(fitsOneTransaction(['CREATE TABLE "a" ("id" serial PRIMARY KEY NOT NULL);--> statement-breakpoint\nALTER TYPE "mood" ADD VALUE \'sad\';'])).toBe(true);
  });

  it('refuses migrations that control transactions or ask to run outside one', () => {
    expect(fitsOneTransaction(['CREATE TABLE "a" (id int);', 'BEGIN;\ncreate table b (id int);\nCOMMIT;'])).toBe(false);
    expect(fitsOneTransaction(['create table c (id int); commit;'])).toBe(false);
    expect(fitsOneTransaction([`${NO_TRANSACTION_DIRECTIVE}\nCREATE INDEX CONCURRENTLY i ON a (id);`])).toBe(false);
  });
});
