import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests use; trust auth on this machine. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A URL for another database on the same server. */
export function databaseUrl(database: string, base = TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Tests need the real server. Under CI=true a missing server fails the run; locally too,
 * with the command that starts it — never a silent skip.
 */
export async function assertServerReachable(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(error as Error).message}). ` +
        'Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * Goes into the name of every throwaway database this test file creates: each file loads its own
 * copy of this module, so the file's last hook can tell the ones it left (other files' databases
 * live on meanwhile).
 */
export const FILE_TAG = `f${randomBytes(4).toString('hex')}`;

/** A throwaway database on the test server; `drop()` removes it (call it in afterEach/afterAll). */
export async function createTestDatabase(prefix = 'sections_test'): Promise<TestDatabase> {
  const name = `${prefix}_${FILE_TAG}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  const url = databaseUrl(name);
  return {
    name,
    url,
    async query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<T>(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    async drop() {
      // A pool ended a moment ago may still be closing its connections (pg's Pool.end resolves before their
      // sockets close): FORCE would kill them mid-goodbye, and their 'error' event no longer has a listener.
      for (let waited = 0; waited < 5000 && (await sessionsOn(name)) > 0; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}

async function sessionsOn(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('select count(*) from pg_stat_activity where datname = $1', [database]);
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The databases on the test server whose name is exactly one of `names`, or contains `tag` between underscores. */
export async function existingDatabases(where: { readonly names?: readonly string[]; readonly tag?: string }): Promise<string[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname = any($1::text[]) or ($2::text is not null and strpos(datname, '_' || $2 || '_') > 0) order by datname`,
      [where.names ?? [], where.tag ?? null],
    );
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`drop database if exists "${name}" with (force)`);
}
