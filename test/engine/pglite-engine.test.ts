import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from 'tar';
import { describe, expect, it } from 'vitest';
import { clusterArchivePath } from '../../src/engine/empty-cluster.js';
import { MigrationRefusedError } from '../../src/engine/migration-refused.js';
import { openPglite } from '../../src/engine/open-pglite.js';
import { pgliteBackend } from '../../src/engine/pglite-backend.js';
import { prepareEngine } from '../../src/engine/prepared-engine.js';
import { hashMigration } from '../../src/migrations/sum-file.js';
import type { ClusterSource } from '../../src/engine/pristine-cluster.js';
import { packageVersion } from '../../src/package-version.js';
import { historyClusterHolders, migrations, newMigration, tablesAfter, tempDir } from './helpers.js';

/**
 * The cache holds the empty cluster, its history copy once an engine used it, and nothing a run
 * left behind (a lock, a scratch copy). Returns the two clusters' paths.
 */
function expectOnlyTheClusters(cacheDir: string): { pristine: string; shared: string } {
  const entries = readdirSync(cacheDir).sort();
  expect(entries).toEqual([expect.stringMatching(/^pglite-\d+\.\d+\.\d+$/), expect.stringMatching(/^pglite-\d+\.\d+\.\d+-shared$/)]);
  return { pristine: join(cacheDir, entries[0]!), shared: join(cacheDir, entries[1]!) };
}

/**
 * The cache holds only the history cluster: the empty cluster was unpacked straight into it, and
 * nothing has needed a scratch copy yet. Returns its path.
 */
function expectOnlyTheHistoryCluster(cacheDir: string): string {
  const entries = readdirSync(cacheDir);
  expect(entries).toEqual([expect.stringMatching(/^pglite-\d+\.\d+\.\d+-shared$/)]);
  return join(cacheDir, entries[0]!);
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
/** The first field of the control file, which initdb draws afresh and booting never changes. */
const systemIdentifier = (control: Buffer) => control.subarray(0, 8).toString('hex');
const SHIPPED_ARCHIVE = () => clusterArchivePath(packageVersion('@electric-sql/pglite')!);
const ignoreProgress = () => undefined;

describe('the embedded engine (PGlite)', () => {
  it('unpacks the empty cluster the build packed straight into the history cluster, and rolls back the new migration it tried', async () => {
    // `npm run build` (and the tests' global setup) packs it for the installed PGlite.
    expect(existsSync(SHIPPED_ARCHIVE())).toBe(true);
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir });
    expect(await tablesAfter(backend, [], newMigration('create type mood as enum (\'calm\');\n--> statement-breakpoint\ncreate table tried (id int, m mood);'))).toEqual(['tried']);
    const shared = expectOnlyTheHistoryCluster(cacheDir);
    // Unpacked, not initialised: initdb would have drawn a new system identifier.
    expect(systemIdentifier(controlBytes(shared))).toBe(systemIdentifier(archivedFile(SHIPPED_ARCHIVE(), 'global/pg_control')));

    expect(await tablesAfter(backend, [])).toEqual([]);
    expect(await tablesAfter(backend, [], newMigration('create table again (id serial primary key);'))).toEqual(['again']);
    expect(expectOnlyTheHistoryCluster(cacheDir)).toBe(shared);
  });

  it('keeps the empty cluster once a scratch copy needs one, copies it from then on, and never boots it', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir });
    const committing = newMigration('create table committed_then (id int);\n--> statement-breakpoint\ncommit;');
    expect(await tablesAfter(backend, [], committing)).toEqual(['committed_then']);
    const { pristine, shared } = expectOnlyTheClusters(cacheDir);
    expect(controlBytes(pristine)).toEqual(archivedFile(SHIPPED_ARCHIVE(), 'global/pg_control'));
    const unpacked = controlFile(pristine);

    // Another history starts again from a copy of the kept cluster.
    expect(await tablesAfter(backend, migrations('create table other (id int);'))).toEqual(['other']);
    expect(await tablesAfter(backend, [], committing)).toEqual(['committed_then']);
    expect(expectOnlyTheClusters(cacheDir)).toEqual({ pristine, shared });
    // Neither unpacked again nor booted.
    expect(controlFile(pristine)).toEqual(unpacked);
  });

  it('runs initdb when told to, or when the archive holds no cluster, with the small settings', async () => {
    const archive = clusterArchivePath(packageVersion('@electric-sql/pglite')!);
    const damaged = join(tempDir('damaged-'), 'cluster.tar.gz');
    writeFileSync(damaged, 'not a tar archive');
    for (const clusterSource of [null, damaged] satisfies ClusterSource[]) {
      const cacheDir = tempDir('pglite-cache-');
      expect(await tablesAfter(pgliteBackend({ cacheDir, clusterSource }), [])).toEqual([]);
      const { pristine } = expectOnlyTheClusters(cacheDir);
      expect(controlBytes(pristine)).not.toEqual(archivedFile(archive, 'global/pg_control'));
      // Its own default would be 128 MB of shared buffers.
      expect(readFileSync(join(pristine, 'postgresql.conf'), 'utf8')).toMatch(/^shared_buffers = 4MB\b/m);
    }
  });

  it('gives a second run at the same time a scratch copy, and removes it on close', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir });
    const first = await prepareEngine(backend, migrations('create table kept (id int);'), ignoreProgress);
    const second = await prepareEngine(backend, migrations('create table kept (id int);'), ignoreProgress);
    expect(readdirSync(cacheDir).filter((entry) => entry.startsWith('pglite-run.'))).toHaveLength(1);
    const [inShared, inCopy] = await Promise.all([
      first.finish([newMigration('create table in_shared (id int);')]),
      second.finish([newMigration('create table in_copy (id int);')]),
    ]);
    expect(inShared.tables.map((table) => table.name).sort()).toEqual(['in_shared', 'kept']);
    expect(inCopy.tables.map((table) => table.name).sort()).toEqual(['in_copy', 'kept']);
    expectOnlyTheClusters(cacheDir);
    expect(await tablesAfter(backend, migrations('create table kept (id int);'))).toEqual(['kept']);
  });

  it('runs a new migration that cannot be rolled back in a scratch copy, never in the history cluster', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir });
    expect(await tablesAfter(backend, [], newMigration('create table committed_then (id int);\n--> statement-breakpoint\ncommit;'))).toEqual(['committed_then']);
    expect(await tablesAfter(backend, [])).toEqual([]);
    expect(readdirSync(cacheDir).filter((entry) => entry.startsWith('pglite-run.'))).toEqual([]);
  });

  it('copies the history cluster afresh when it holds objects nobody recorded', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir });
    await tablesAfter(backend, []);
    const shared = expectOnlyTheHistoryCluster(cacheDir);
    // What a COMMIT slipped into a migration would leave behind.
    const polluter = await openPglite({ dataDir: shared });
    await polluter.exec('create table leftover (id int)');
    await polluter.close();

    expect(await tablesAfter(backend, [])).toEqual([]);
    expect(await tablesAfter(backend, [])).toEqual([]);
    expectOnlyTheHistoryCluster(cacheDir);
  });

  it('keeps the committed history between runs, so a run applies only what follows it', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir });
    const steps: string[] = [];
    const history = migrations('create table kept (id int);', 'create table added (id int);');
    await (await prepareEngine(backend, history.slice(0, 1), (step) => steps.push(step))).finish([]);
    expect(steps).toContain('applying 1 migration');

    steps.length = 0;
    const grown = await (await prepareEngine(backend, history, (step) => steps.push(step))).finish([]);
    expect(grown.tables.map((table) => table.name).sort()).toEqual(['added', 'kept']);
    expect(steps).toContain('applying 1 migration');

    steps.length = 0;
    await (await prepareEngine(backend, history, (step) => steps.push(step))).finish([]);
    expect(steps.some((step) => step.startsWith('applying'))).toBe(false);

    // Another history (an edited first migration, a switched branch) starts from the empty cluster.
    expect(await tablesAfter(backend, migrations('create table other (id int);'))).toEqual(['other']);
    expect(await tablesAfter(backend, [])).toEqual([]);
    expectOnlyTheHistoryCluster(cacheDir);
  });

  it('runs each migration in a transaction of its own, as migrate does', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir });
    const createType = 'create type mood as enum (\'calm\');';
    const addValue = 'alter type mood add value \'sad\';';
    const useValue = 'create table feeling (m mood default \'sad\');';
    // Added in one migration, used in the next: committed in between, as under migrate.
    expect(await tablesAfter(backend, migrations(createType, addValue, useValue))).toEqual(['feeling']);
    // Added to an existing type and used in the same migration: migrate would fail, so the engine refuses it too.
    const refused = await tablesAfter(backend, migrations(createType), newMigration(`${addValue}\n--> statement-breakpoint\n${useValue}`)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MigrationRefusedError);
    expect((refused as MigrationRefusedError).message).toBe('PostgreSQL refuses the new migration migrations/9999_new.sql: unsafe use of new value "sad" of enum type mood');
    expect((refused as MigrationRefusedError).details.join('\n')).toMatch(/generate the new value first/);
  });

  it('checks deferred constraints of the new migration before it is rolled back, as COMMIT would', async () => {
    const backend = pgliteBackend({ cacheDir: tempDir('pglite-cache-') });
    const history = migrations(
      'create table parent (id int primary key);\n--> statement-breakpoint\ncreate table child (parent_id int references parent deferrable initially deferred);',
    );
    const refused = await tablesAfter(backend, history, newMigration('insert into child values (42);')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MigrationRefusedError);
    expect((refused as Error).message).toMatch(/violates foreign key constraint/);
  });

  it('names the migration of the history PostgreSQL refuses, and starts afresh next time', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir });
    const history = migrations('create table fine (id int);', 'create table broken (id no_such_type);');
    const refused = await tablesAfter(backend, history).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MigrationRefusedError);
    expect((refused as Error).message).toBe('migration migrations/0001_m.sql fails on a fresh database: type "no_such_type" does not exist');
    expect((refused as MigrationRefusedError).statement).toBe('create table broken (id no_such_type);');
    expect(await tablesAfter(backend, [])).toEqual([]);
  });

  it('replaces the history cluster once the dead rows of rolled-back runs have grown it past its limit', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir, maxGrowthBytes: 1 });
    await tablesAfter(backend, [], newMigration(Array.from({ length: 50 }, (_, index) => `create table grows_the_catalog_${index} (id int);`).join('\n')));
    expect(readdirSync(cacheDir)).toEqual([]);
    expect(await tablesAfter(pgliteBackend({ cacheDir }), [])).toEqual([]);
    expectOnlyTheHistoryCluster(cacheDir);
  });

  it('removes the scratch copies of killed runs, and only theirs', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const backend = pgliteBackend({ cacheDir });
    await tablesAfter(backend, []);
    // No process has a pid above the kernel's maximum (2^22): this one was killed.
    const killed = join(cacheDir, 'pglite-run.99999999-0123456789ab.tmp');
    const running = join(cacheDir, `pglite-run.${process.pid}-0123456789ab.tmp`);
    for (const dir of [killed, running]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    }
    await tablesAfter(backend, []);
    expect(existsSync(killed)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });

  it('loads the contrib extensions migrations create, and names the fix for one it does not ship', async () => {
    const backend = pgliteBackend({ cacheDir: tempDir('pglite-cache-') });
    const history = migrations('create extension if not exists pg_trgm;\n--> statement-breakpoint\ncreate table doc (body text);\n--> statement-breakpoint\ncreate index doc_trgm on doc using gin (body gin_trgm_ops);');
    expect(await tablesAfter(backend, history)).toEqual(['doc']);
    const refused = await tablesAfter(backend, migrations('create extension vector;')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MigrationRefusedError);
    expect((refused as MigrationRefusedError).details.join('\n')).toMatch(/does not ship extension "vector": point shadow.url in the config \(or --shadow-url\)/);
  });

  it('warms the history cluster before the history is known, and releases it when nobody opens it', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const history = migrations('create table kept (id int);');
    const warmed = pgliteBackend({ cacheDir });
    warmed.warm();
    expect(await tablesAfter(warmed, history)).toEqual(['kept']);
    await warmed.close();

    const unused = pgliteBackend({ cacheDir });
    unused.warm();
    await unused.close();
    // Released: no lock left, and the next run has the history cluster, not a scratch copy.
    expect(readdirSync(cacheDir).some((entry) => entry.endsWith('.lock'))).toBe(false);
    const steps: string[] = [];
    await (await prepareEngine(pgliteBackend({ cacheDir }), history, (step) => steps.push(step))).finish([]);
    expect(steps.some((step) => step.startsWith('applying'))).toBe(false);
    expectOnlyTheHistoryCluster(cacheDir);
  });

  it('keeps the history cluster booted and locked between runs when told to, and releases it on close', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const history = migrations('create table kept (id int);');
    const hashes = history.map((migration) => hashMigration(migration.sql));
    const resident = pgliteBackend({ cacheDir, keepBooted: true });
    const bootedAt = async (wanted: readonly string[]) => {
      const opened = await resident.openHistory(wanted, []);
      const [row] = await opened!.db.query<{ at: string }>('select pg_postmaster_start_time()::text as at');
      await opened!.close(false);
      return row!.at;
    };
    const locked = () => historyClusterHolders(cacheDir).length > 0;

    expect(await tablesAfter(resident, history, newMigration('create table tried (id int);'))).toEqual(['kept', 'tried']);
    expect(locked()).toBe(true);
    // Another process meanwhile works in a scratch copy, as when a run holds the cluster.
    expect(await tablesAfter(pgliteBackend({ cacheDir }), history)).toEqual(['kept']);
    const steps: string[] = [];
    const again = await (await prepareEngine(resident, history, (step) => steps.push(step))).finish([]);
    expect(again.tables.map((table) => table.name)).toEqual(['kept']);
    expect(steps.some((step) => step.startsWith('applying'))).toBe(false);
    const first = await bootedAt(hashes);
    expect(await bootedAt(hashes)).toBe(first);
    // Another history still starts from the empty cluster.
    expect(await tablesAfter(resident, migrations('create table other (id int);'))).toEqual(['other']);

    await resident.close();
    expect(locked()).toBe(false);
    expect(await tablesAfter(pgliteBackend({ cacheDir }), history)).toEqual(['kept']);
    expectOnlyTheClusters(cacheDir);
  });

  it('boots the history cluster with the extensions its history created, and tries a new extension in a scratch copy', async () => {
    const cacheDir = tempDir('pglite-cache-');
    const trigramIndex = 'create table doc (body text);\n--> statement-breakpoint\ncreate index doc_trgm on doc using gin (body gin_trgm_ops);';
    // The history database was started without pg_trgm: a new migration creating it runs where it can be loaded.
    expect(await tablesAfter(pgliteBackend({ cacheDir }), [], newMigration(`create extension if not exists pg_trgm;\n--> statement-breakpoint\n${trigramIndex}`))).toEqual(['doc']);

    const history = migrations('create extension if not exists pg_trgm;', trigramIndex);
    expect(await tablesAfter(pgliteBackend({ cacheDir }), history)).toEqual(['doc']);
    const record = JSON.parse(readFileSync(join(cacheDir, readdirSync(cacheDir).find((entry) => entry.endsWith('-shared'))!, 'sections-history.json'), 'utf8'));
    expect(record.extensions).toEqual(['pg_trgm']);
    const warmed = pgliteBackend({ cacheDir });
    warmed.warm();
    expect(await tablesAfter(warmed, history, newMigration('create index doc_trgm_again on doc using gist (body gist_trgm_ops);'))).toEqual(['doc']);
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
    // The data dir is a copy: the cluster itself never saw the table.
    expect(await tablesAfter(pgliteBackend({ cacheDir }), [])).toEqual([]);
  });
});
