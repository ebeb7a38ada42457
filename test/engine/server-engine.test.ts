import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineBackend } from '../../src/engine/engine-backend.js';
import { MigrationRefusedError } from '../../src/engine/migration-refused.js';
import { pgliteBackend } from '../../src/engine/pglite-backend.js';
import { prepareEngine } from '../../src/engine/prepared-engine.js';
import { historyDatabaseName, serverBackend } from '../../src/engine/server-backend.js';
import { OperationError, UserError } from '../../src/errors.js';
import { TEST_DATABASE_URL } from '../helpers/pg.js';
import { MIGRATION_SQL } from './fixture.js';
import { migrations, newMigration, tablesAfter, tempDir } from './helpers.js';

async function onServer<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const databasesLike = async (pattern: string) => (await onServer<{ datname: string }>(`select datname from pg_database where datname like '${pattern}'`)).map((row) => row.datname);

describe('the server engine (--shadow-url)', () => {
  const backends: EngineBackend[] = [];
  /** A backend for a project of its own, so tests never share a history database. */
  /** The history databases the tests' backends may have made, by name: other files' runs keep theirs. */
  const histories: string[] = [];
  const backendFor = (url: string, project: string) => {
    const backend = serverBackend(url, project);
    backends.push(backend);
    histories.push(historyDatabaseName(url, project));
    return backend;
  };
  const backendForNewProject = (url = TEST_DATABASE_URL) => backendFor(url, `/projects/${randomBytes(6).toString('hex')}/sections.config.ts`);
  afterEach(async () => {
    for (const backend of backends.splice(0)) await backend.close();
    // The scratch databases must be gone already.
    for (const name of histories.splice(0)) await onServer(`drop database if exists "${name}" with (force)`);
  });

  it('keeps the committed history in a database of its own between runs, and rolls back the new migration', async () => {
    const backend = backendForNewProject();
    const history = migrations('create table kept (id int);');
    const steps: string[] = [];
    const first = await (await prepareEngine(backend, history, (step) => steps.push(step))).finish([newMigration('create table tried (id int);')]);
    expect(first.tables.map((table) => table.name).sort()).toEqual(['kept', 'tried']);
    expect(steps).toContain('applying 1 migration');
    const [historyDatabase] = histories;
    expect(historyDatabase).toMatch(/^sections_cache_[0-9a-f]{16}$/);
    expect(await databasesLike(historyDatabase!)).toEqual([historyDatabase]);

    steps.length = 0;
    expect((await (await prepareEngine(backend, history, (step) => steps.push(step))).finish([])).tables.map((table) => table.name)).toEqual(['kept']);
    expect(steps.some((step) => step.startsWith('applying'))).toBe(false);
    // Another history starts from an empty database.
    expect(await tablesAfter(backend, migrations('create table other (id int);'))).toEqual(['other']);
    expect(await databasesLike('sections\\_shadow\\_%')).toEqual([]);
  });

  it('gives a run that finds the history database busy a scratch database, dropped afterwards', async () => {
    const project = `/projects/${randomBytes(6).toString('hex')}/sections.config.ts`;
    const [holder, waiter] = [backendFor(TEST_DATABASE_URL, project), backendFor(TEST_DATABASE_URL, project)];
    const busy = await prepareEngine(holder, migrations('create table kept (id int);'), () => undefined);
    try {
      const scratch = await prepareEngine(waiter, migrations('create table kept (id int);'), () => undefined);
      expect(await databasesLike('sections\\_shadow\\_%')).toHaveLength(1);
      expect((await scratch.finish([newMigration('create table elsewhere (id int);')])).tables.map((table) => table.name).sort()).toEqual(['elsewhere', 'kept']);
    } finally {
      await busy.abandon();
    }
    expect(await databasesLike('sections\\_shadow\\_%')).toEqual([]);
  });

  it('names the refused statement, and drops the scratch database even after a failure inside a transaction', async () => {
    const backend = backendForNewProject();
    const refused = await tablesAfter(backend, [], newMigration('-- sections:no-transaction\nbegin;\n--> statement-breakpoint\nselect 1/0;')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(MigrationRefusedError);
    expect((refused as Error).message).toBe('PostgreSQL refuses the new migration migrations/9999_new.sql: division by zero');
    expect(await databasesLike('sections\\_shadow\\_%')).toEqual([]);
  });

  it('sees exactly what the embedded engine sees', async () => {
    const history = migrations(MIGRATION_SQL);
    const viaServer = await (await prepareEngine(backendForNewProject(), history, () => undefined)).finish([]);
    const viaPglite = await (await prepareEngine(pgliteBackend({ cacheDir: tempDir('pglite-cache-') }), history, () => undefined)).finish([]);
    expect(viaServer.tables.length).toBe(2);
    expect(JSON.parse(JSON.stringify(viaServer))).toEqual(JSON.parse(JSON.stringify(viaPglite)));
  });

  it('reports an unreachable server in one line without the password', async () => {
    const error = await serverBackend('postgres://someone:s3cr3t-pw@127.0.0.1:1/app', 'p').identity().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OperationError);
    expect((error as Error).message).toBe('cannot connect to postgres://someone:***@127.0.0.1:1/app: the server refused the connection: is PostgreSQL running there? (connect ECONNREFUSED 127.0.0.1:1)');
  });

  it('reports a role that may not create databases', async () => {
    const role = `sections_nocreatedb_${process.pid}`;
    await onServer(`drop role if exists ${role}; create role ${role} login nocreatedb`);
    try {
      const url = new URL(TEST_DATABASE_URL);
      url.username = role;
      const backend = backendForNewProject(url.toString());
      const error = await prepareEngine(backend, [], () => undefined).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OperationError);
      expect((error as Error).message).toMatch(/^cannot create the database sections_cache_[0-9a-f]{16} on postgres:\/\/sections_nocreatedb_\d+@127\.0\.0\.1:5432\/test: permission denied to create database$/);
      await backend.close();
    } finally {
      await onServer(`drop role if exists ${role}`);
    }
  });

  it('gives up on a server that never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const error = await serverBackend(`postgres://someone:pw@127.0.0.1:${port}/app`, 'p').identity().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OperationError);
      expect((error as Error).message).toBe(`cannot connect to postgres://someone:***@127.0.0.1:${port}/app: no answer within 10 s (timeout expired)`);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('rejects a URL it cannot parse without echoing it', () => {
    let error: unknown;
    try {
      serverBackend('postgres://someone:s3cr3t@[nowhere', 'p');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).not.toContain('s3cr3t');
  });
});
