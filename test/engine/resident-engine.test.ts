import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { residentEngine } from 'drizzle-sections';
import { historyDatabaseName } from '../../src/engine/server-backend.js';
import { createTestDatabase } from '../helpers/pg.js';
import { historyClusterHolders, migrations, newMigration, tempDir } from './helpers.js';

/*
 * The resident engine through the package's entry (its thread runs the built worker): how runs
 * end on it when they fail, overlap its close, or outlive the connection it keeps.
 */
const history = migrations('create table kept (id int);');
const noProgress = () => undefined;
const tableNames = (metadata: { readonly tables: readonly { readonly name: string }[] }) => metadata.tables.map((table) => table.name).sort();

/** Who holds the history cluster's lock in `cacheDir`: this process, another, or nobody. */
const lockHolders = (cacheDir: string) => historyClusterHolders(cacheDir).map((pid) => (pid === process.pid ? 'this process' : 'another'));

describe('a resident engine', () => {
  it('gives a run the end of its own run only, when the run before it was ended by the thread and then abandoned by its caller', async () => {
    const cacheDir = tempDir('resident-');
    const engine = residentEngine();
    try {
      // The engine fails at once (nobody listens on port 1); generate then abandons the run anyway, as when its schemas fail too.
      const failing = engine.thread().start({ backend: { kind: 'server', url: 'postgres://nobody@127.0.0.1:1/none', projectKey: 'failing' }, history: [] }, noProgress);
      await expect(failing.identity).rejects.toThrow(/cannot connect/);
      await failing.abandon();
      const next = engine.thread().start({ backend: { kind: 'pglite', cacheDir }, history }, noProgress);
      expect(tableNames(await next.finish([newMigration('create table tried (id int);')]))).toEqual(['kept', 'tried']);
      expect(lockHolders(cacheDir)).toEqual(['this process']);
    } finally {
      await engine.close();
    }
    expect(lockHolders(cacheDir)).toEqual([]);
  });

  it('closes after the run in progress, releasing the history cluster, and gives later runs a thread of their own', async () => {
    const cacheDir = tempDir('resident-');
    const engine = residentEngine();
    let closing: Promise<void> | undefined;
    const closeWhenIntrospecting = (step: string) => {
      if (step === 'introspecting') closing ??= engine.close();
    };
    const during = engine.thread().start({ backend: { kind: 'pglite', cacheDir }, history }, closeWhenIntrospecting);
    expect(tableNames(await during.finish([newMigration('create table tried (id int);')]))).toEqual(['kept', 'tried']);
    expect(closing).toBeDefined();
    await closing;
    expect(lockHolders(cacheDir)).toEqual([]);

    // After close: the run's thread ends with the run, so nothing keeps the cluster.
    const after = engine.thread().start({ backend: { kind: 'pglite', cacheDir }, history }, noProgress);
    expect(tableNames(await after.finish([]))).toEqual(['kept']);
    expect(lockHolders(cacheDir)).toEqual([]);
  });

  it('gives a run that overlaps another a thread of its own, which works in a private copy meanwhile', async () => {
    const cacheDir = tempDir('resident-');
    const engine = residentEngine();
    try {
      // A first run leaves the engine holding the history cluster; the overlapping runs then race for nothing.
      expect(tableNames(await engine.thread().start({ backend: { kind: 'pglite', cacheDir }, history }, noProgress).finish([]))).toEqual(['kept']);
      const first = engine.thread().start({ backend: { kind: 'pglite', cacheDir }, history }, noProgress);
      const second = engine.thread().start({ backend: { kind: 'pglite', cacheDir }, history }, noProgress);
      const [firstMetadata, secondMetadata] = await Promise.all([first.finish([newMigration('create table a (id int);')]), second.finish([newMigration('create table b (id int);')])]);
      expect(tableNames(firstMetadata)).toEqual(['a', 'kept']);
      expect(tableNames(secondMetadata)).toEqual(['b', 'kept']);
      expect(lockHolders(cacheDir)).toEqual(['this process']);
    } finally {
      await engine.close();
    }
    expect(lockHolders(cacheDir)).toEqual([]);
    expect(readdirSync(cacheDir).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces the server connection it kept when the server dropped it between runs', async () => {
    const admin = await createTestDatabase('sections_resident');
    const engine = residentEngine();
    const projectKey = `/projects/${admin.name}/sections.config.ts`;
    const backend = { kind: 'server', url: admin.url, projectKey } as const;
    try {
      const first = engine.thread().start({ backend, history }, noProgress);
      expect(tableNames(await first.finish([newMigration('create table tried (id int);')]))).toEqual(['kept', 'tried']);
      // What a server restart does to the engine's open connection.
      const terminated = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      expect(terminated.length).toBeGreaterThan(0);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');

      const second = engine.thread().start({ backend, history }, noProgress);
      expect(await second.identity).toMatch(/^postgresql@/);
      expect(tableNames(await second.finish([newMigration('create table again (id int);')]))).toEqual(['again', 'kept']);
    } finally {
      await engine.close();
      await admin.query(`drop database if exists "${historyDatabaseName(admin.url, projectKey)}" with (force)`);
      await admin.drop();
    }
  });
});
