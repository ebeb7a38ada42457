import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from 'tar';
import { clusterArchivePath } from '../../src/engine/empty-cluster.js';
import { fitsOneTransaction } from '../../src/engine/engine.js';
import { openPglite, openPgliteEngine, type ClusterSource } from '../../src/engine/pglite-engine.js';
import { packageVersion } from '../../src/package-version.js';
import { NO_TRANSACTION_DIRECTIVE } from '../../src/migrate/migration-state.js';
import { REPO_ROOT } from '../helpers/temp-project.js';
import { introspect } from './fixture.js';

function tempDir(prefix: string): string {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  return mkdtempSync(join(REPO_ROOT, '.tmp', prefix));
}

const tableNames = async (engine: Awaited<ReturnType<typeof openPgliteEngine>>) => (await introspect(engine.db)).tables.map((table) => table.name);

/** What the next run's shared engine sees: the tables of the cached cluster. */
async function tablesOfNextRun(cacheDir: string): Promise<string[]> {
  const engine = await openPgliteEngine({ cacheDir, rollbackOnly: true });
  try {
    return await tableNames(engine);
  } finally {
    await engine.close();
  }
}

/**
 * The cache holds the empty cluster, its shared working copy once an engine used it, and nothing
 * a run left behind (a lock, a private copy). Returns the two clusters' paths.
 */
function expectOnlyTheClusters(cacheDir: string): { pristine: string; shared: string } {
  const entries = readdirSync(cacheDir).sort();
  expect(entries).toEqual([expect.stringMatching(/^pglite-\d+\.\d+\.\d+$/), expect.stringMatching(/^pglite-\d+\.\d+\.\d+-shared$/)]);
  return { pristine: join(cacheDir, entries[0]!), shared: join(cacheDir, entries[1]!) };
}

/** The empty cluster is only ever copied: booting it would change its control file. */
const controlFile = (pristine: string) => {
  const stat = statSync(join(pristine, 'global', 'pg_control'));
  return { ino: stat.ino, mtimeMs: stat.mtimeMs, size: stat.size };
};

/** A file of the packed empty cluster, read with the tar package itself. */
function archivedFile(archive: string, path: string): Buffer {
  const dir = tempDir('archive-');
  extract({ file: archive, cwd: dir, sync: true });
  return readFileSync(join(dir, path));
}

const controlBytes = (cluster: string) => readFileSync(join(cluster, 'global', 'pg_control'));

describe('PGlite engine', () => {
  it('keeps the empty cluster in the cache and rolls back what an engine did in it', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const first = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    await first.exec('create type mood as enum (\'calm\'); create table written_then_rolled_back (id int, m mood)');
    expect(await tableNames(first)).toEqual(['written_then_rolled_back']);
    await first.close();
    const { pristine } = expectOnlyTheClusters(cacheDir);
    const initialised = controlFile(pristine);

    const second = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    try {
      expect(await tableNames(second)).toEqual([]);
      await second.exec('create table t (id serial primary key)');
      expect(await tableNames(second)).toEqual(['t']);
    } finally {
      await second.close();
    }
    expectOnlyTheClusters(cacheDir);
    // Neither initialised again nor booted.
    expect(controlFile(pristine)).toEqual(initialised);
  });

  it('unpacks the empty cluster the build packed instead of running initdb', async () => {
    // `npm run build` (and the tests' global setup) packs it for the installed PGlite.
    const archive = clusterArchivePath(packageVersion('@electric-sql/pglite')!);
    expect(existsSync(archive)).toBe(true);
    const cacheDir = tempDir('pglite-cache-');
    const engine = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    try {
      await engine.exec('create table t (id serial primary key)');
      expect(await tableNames(engine)).toEqual(['t']);
    } finally {
      await engine.close();
    }
    const { pristine } = expectOnlyTheClusters(cacheDir);
    // initdb would have written a control file with a new system identifier.
    expect(controlBytes(pristine)).toEqual(archivedFile(archive, 'global/pg_control'));
  });

  it('runs initdb when told to, or when the archive holds no cluster, with the small settings', async () => {
    const archive = clusterArchivePath(packageVersion('@electric-sql/pglite')!);
    const damaged = join(tempDir('damaged-'), 'cluster.tar.gz');
    writeFileSync(damaged, 'not a tar archive');
    for (const clusterSource of [null, damaged] satisfies ClusterSource[]) {
      const cacheDir = tempDir('pglite-cache-');
      const engine = await openPgliteEngine({ cacheDir, rollbackOnly: true, clusterSource });
      try {
        expect(await tableNames(engine)).toEqual([]);
      } finally {
        await engine.close();
      }
      const { pristine } = expectOnlyTheClusters(cacheDir);
      expect(controlBytes(pristine)).not.toEqual(archivedFile(archive, 'global/pg_control'));
      // Its own default would be 128 MB of shared buffers.
      expect(readFileSync(join(pristine, 'postgresql.conf'), 'utf8')).toMatch(/^shared_buffers = 4MB\b/m);
    }
  });

  it('gives a second engine open at the same time a private copy, and removes it on close', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const shared = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    const concurrent = await openPgliteEngine({ cacheDir, rollbackOnly: true });
    try {
      expect(readdirSync(cacheDir).filter((entry) => entry.startsWith('pglite-run.'))).toHaveLength(1);
      await shared.exec('create table in_shared (id int)');
      await concurrent.exec('create table in_copy (id int)');
      expect(await tableNames(shared)).toEqual(['in_shared']);
      expect(await tableNames(concurrent)).toEqual(['in_copy']);
    } finally {
      await Promise.all([shared.close(), concurrent.close()]);
    }
    expectOnlyTheClusters(cacheDir);
  });

  it('never lets statements that a rollback cannot undo into the cached cluster', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const engine = await openPgliteEngine({ cacheDir, rollbackOnly: false });
    await engine.exec('create table committed_in_a_copy (id int)');
    await engine.close();
    expect(await tablesOfNextRun(cacheDir)).toEqual([]);
  });

  it('copies the shared cluster afresh when it holds leftovers instead of introspecting them', async () => {
    const cacheDir = tempDir('pglite-cache-');
    await (await openPgliteEngine({ cacheDir, rollbackOnly: true })).close();
    const { shared } = expectOnlyTheClusters(cacheDir);
    // What a COMMIT slipped into a migration would leave behind.
    const polluter = await openPglite({ dataDir: shared });
    await polluter.exec('create table leftover (id int)');
    await polluter.close();

    // The run that finds the leftovers, then the first one on the cluster copied afresh.
    expect(await tablesOfNextRun(cacheDir)).toEqual([]);
    expect(await tablesOfNextRun(cacheDir)).toEqual([]);
    expect(existsSync(join(shared, 'PG_VERSION'))).toBe(true);
    expectOnlyTheClusters(cacheDir);
  });

  it('keeps the committed history between runs, so a run applies only what follows it', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const history = ['create table kept (id int);'];
    const first = await openPgliteEngine({ cacheDir, rollbackOnly: true, history });
    try {
      expect(first.preapplied).toBe(1);
      expect(await tableNames(first)).toEqual(['kept']);
      await first.exec('create table rolled_back (id int)');
    } finally {
      await first.close();
    }

    const grown = await openPgliteEngine({ cacheDir, rollbackOnly: true, history: [...history, 'create table added (id int);'] });
    try {
      expect(grown.preapplied).toBe(2);
      expect((await tableNames(grown)).sort()).toEqual(['added', 'kept']);
    } finally {
      await grown.close();
    }

    // Another history (an edited first migration, a switched branch) starts from the empty cluster.
    const other = await openPgliteEngine({ cacheDir, rollbackOnly: true, history: ['create table other (id int);'] });
    try {
      expect(other.preapplied).toBe(1);
      expect(await tableNames(other)).toEqual(['other']);
    } finally {
      await other.close();
    }
    expect(await tablesOfNextRun(cacheDir)).toEqual([]);
    expectOnlyTheClusters(cacheDir);
  });

  it('leaves a history that fails to the caller, with nothing of it committed', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const engine = await openPgliteEngine({ cacheDir, rollbackOnly: true, history: ['create table fine (id int);', 'create table broken (id no_such_type);'] });
    try {
      expect(engine.preapplied).toBe(0);
      expect(await tableNames(engine)).toEqual([]);
      await expect(engine.exec('create table broken (id no_such_type);')).rejects.toThrow(/no_such_type/);
    } finally {
      await engine.close();
    }
    expect(await tablesOfNextRun(cacheDir)).toEqual([]);
  });

  it('replaces the shared cluster once the dead rows of rolled-back runs have grown it past its limit', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const engine = await openPgliteEngine({ cacheDir, rollbackOnly: true, maxSharedClusterBytes: 1 });
    await engine.exec(Array.from({ length: 50 }, (_, index) => `create table grows_the_catalog_${index} (id int);`).join('\n'));
    await engine.close();
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^pglite-\d+\.\d+\.\d+$/)]);

    expect(await tablesOfNextRun(cacheDir)).toEqual([]);
    expectOnlyTheClusters(cacheDir);
  });

  it('removes the scratch copies of killed runs, and only theirs', async () => {
    const cacheDir = tempDir('pglite-cache-');
    await (await openPgliteEngine({ cacheDir, rollbackOnly: true })).close();
    // No process has a pid above the kernel's maximum (2^22): this one was killed.
    const killed = join(cacheDir, 'pglite-run.99999999-0123456789ab.tmp');
    const running = join(cacheDir, `pglite-run.${process.pid}-0123456789ab.tmp`);
    for (const dir of [killed, running]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    }
    await (await openPgliteEngine({ cacheDir, rollbackOnly: true })).close();
    expect(existsSync(killed)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });

  it('keeps a persistent data dir across openings, seeded from the cached cluster', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const dataDir = join(tempDir('pglite-data-'), 'pgdata');
    const first = await openPglite({ dataDir, cacheDir });
    await first.exec('create table kept (id int); insert into kept values (42)');
    await first.close();
    expect(statSync(join(dataDir, 'PG_VERSION')).isFile()).toBe(true);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^pglite-\d+\.\d+\.\d+$/)]);

    const second = await openPglite({ dataDir, cacheDir });
    try {
      expect((await second.query<{ id: number }>('select id from kept')).rows).toEqual([{ id: 42 }]);
    } finally {
      await second.close();
    }
    // The seed is a copy: the cluster itself never saw the table.
    expect(await tablesOfNextRun(cacheDir)).toEqual([]);
    expectOnlyTheClusters(cacheDir);
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
