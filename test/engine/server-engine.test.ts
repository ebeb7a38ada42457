import net from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { openServerEngine } from '../../src/engine/server-engine.js';
import { OperationError, UserError } from '../../src/errors.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/pg.js';

async function shadowDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'sections\\_shadow\\_%'");
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

/** The name of the database the engine's Kysely instance is connected to. */
async function currentDatabase(engine: Engine): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(engine.db);
  return rows[0]!.name;
}

describe('openServerEngine', () => {
  let home: TestDatabase | undefined;
  afterEach(async () => {
    await home?.drop();
    home = undefined;
  });

  it('works in a temporary database that close() drops, leaving the URL\'s database alone', async () => {
    home = await createTestDatabase();
    const engine = await openServerEngine({ url: home.url });
    const name = await currentDatabase(engine);
    expect(name).toMatch(/^sections_shadow_[0-9a-f]{12}$/);
    expect(await shadowDatabases()).toContain(name);
    await engine.exec('create table only_in_shadow (id int)');
    await engine.close();
    expect(await shadowDatabases()).not.toContain(name);
    expect(await home.query("select tablename from pg_tables where schemaname = 'public'")).toEqual([]);
  });

  it('drops the temporary database after a failed migration left a transaction open', async () => {
    const engine = await openServerEngine({ url: TEST_DATABASE_URL });
    const name = await currentDatabase(engine);
    await expect(engine.exec('begin;\n--> statement-breakpoint\nselect 1/0;')).rejects.toThrow('division by zero');
    await engine.close();
    expect(await shadowDatabases()).not.toContain(name);
  });

  it('reports an unreachable server in one line without the password', async () => {
    const error = await openServerEngine({ url: 'postgres://someone:s3cr3t-pw@127.0.0.1:1/app' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OperationError);
    expect((error as Error).message).toBe('cannot connect to postgres://someone:***@127.0.0.1:1/app: the server refused the connection: is PostgreSQL running there? (connect ECONNREFUSED 127.0.0.1:1)');
  });

  it('reports a role that may not create databases', async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const role = `sections_nocreatedb_${process.pid}`;
    try {
      await admin.query(`drop role if exists ${role}; create role ${role} login nocreatedb`);
      const url = new URL(TEST_DATABASE_URL);
      url.username = role;
      const error = await openServerEngine({ url: url.toString() }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OperationError);
      expect((error as Error).message).toMatch(
        new RegExp(`^cannot create the temporary database sections_shadow_[0-9a-f]{12} on ${url.toString().replace(/[.?]/g, '\\$&')}: permission denied to create database$`),
      );
    } finally {
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });

  it('gives up on a server that never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const error = await openServerEngine({ url: `postgres://someone:pw@127.0.0.1:${port}/app` }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OperationError);
      expect((error as Error).message).toBe(`cannot connect to postgres://someone:***@127.0.0.1:${port}/app: no answer within 10 s (timeout expired)`);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('rejects a URL it cannot parse without echoing it', async () => {
    const error = await openServerEngine({ url: 'postgres://someone:s3cr3t@[nowhere' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).not.toContain('s3cr3t');
  });
});
