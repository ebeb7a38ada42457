import { createHash, randomBytes } from 'node:crypto';
import { CONNECT_TIMEOUT_MS, connectServer, describePgError } from '../database/connect-server.js';
import type { Database } from '../database/database.js';
import { OperationError } from '../errors.js';
import { assertPostgresUrl, serverAddress } from '../database/server-url.js';
import { redactUrl } from '../redact.js';
import { continuesHistory, countUserObjects, type CommittedHistory, type EngineBackend, type HistoryDatabase } from './engine-backend.js';

/**
 * A PostgreSQL server as the engine (`--shadow-url`, config `shadow.url`), for extensions PGlite
 * lacks or to prove migrations on the server version production runs. Never the working database:
 * the database named in the URL is only connected to, to create and drop others.
 *
 * - The history database `sections_cache_<project>` keeps the project's committed migrations
 *   between runs (recorded in its comment), so a run applies only what follows them, inside a
 *   transaction it rolls back. A session advisory lock on the URL's database keeps one run at a
 *   time in it; another run meanwhile works in a scratch database.
 * - A scratch database `sections_shadow_<random>` is created for one run and dropped after it.
 *
 * The URL's role needs CREATEDB.
 */
export function serverBackend(url: string, projectKey: string): EngineBackend {
  parseUrl(url);
  let admin: Promise<Database> | undefined;
  const connectAdmin = () => (admin ??= connectServer(url));
  const historyName = historyDatabaseName(url, projectKey);
  return {
    identity: async () => {
      const [row] = await (await connectAdmin()).query<{ version: string }>(`select current_setting('server_version') as version`);
      return `postgresql@${row?.version ?? '?'} ${serverAddress(url, SHADOW_URL)}`;
    },
    warm: () => {
      // A failure to connect is reported by whatever awaits the connection next.
      connectAdmin().catch(() => undefined);
    },
    openHistory: async (history) => openHistoryDatabase(await connectAdmin(), url, historyName, history),
    openScratch: async () => {
      const server = await connectAdmin();
      const name = `sections_shadow_${randomBytes(6).toString('hex')}`;
      await createDatabase(server, url, name);
      const db = await connectServer(withDatabase(url, name)).catch(async (error: unknown) => {
        await dropDatabase(server, name);
        throw error;
      });
      return { ...db, close: () => db.close().finally(() => dropDatabase(server, name)) };
    },
    close: async () => {
      if (admin) await (await admin.catch(() => undefined))?.close();
    },
  };
}

/** The project's history database on the server of `url`: one per project (its config file) and URL database. */
export function historyDatabaseName(url: string, projectKey: string): string {
  return `sections_cache_${createHash('sha256').update(`${projectKey}\n${databaseName(url)}`).digest('hex').slice(0, 16)}`;
}

async function openHistoryDatabase(server: Database, url: string, name: string, history: readonly string[]): Promise<HistoryDatabase | undefined> {
  const lockKey = BigInt.asIntN(64, BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 16)}`)).toString();
  const [locked] = await server.query<{ locked: boolean }>(`select pg_try_advisory_lock(${lockKey}) as locked`);
  if (!locked?.locked) return undefined;
  const unlock = () => server.query(`select pg_advisory_unlock(${lockKey})`).then(() => undefined, () => undefined);
  try {
    const [existing] = await server.query<{ comment: string | null }>(`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`, [name]);
    if (!existing) await createDatabase(server, url, name);
    let db = await connectServer(withDatabase(url, name));
    let recorded = parseRecord(existing?.comment ?? null);
    if (existing && !continuesHistory(recorded, await countUserObjects(db), history)) {
      await db.close();
      await dropDatabase(server, name);
      await createDatabase(server, url, name);
      db = await connectServer(withDatabase(url, name));
      recorded = undefined;
    }
    const open = db;
    return {
      db,
      committed: recorded ?? { migrations: [], objects: await countUserObjects(db) },
      record: async (committed) => {
        await open.exec(`comment on database "${name}" is ${committed ? quoteLiteral(JSON.stringify(committed)) : 'null'}`);
      },
      close: async (discard) => {
        try {
          await open.close();
          if (discard) await dropDatabase(server, name);
        } finally {
          await unlock();
        }
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

function parseRecord(comment: string | null): CommittedHistory | undefined {
  if (!comment) return undefined;
  try {
    const { migrations, objects } = JSON.parse(comment) as Partial<CommittedHistory>;
    return Array.isArray(migrations) && typeof objects === 'number' ? { migrations, objects } : undefined;
  } catch {
    return undefined;
  }
}

async function createDatabase(server: Database, url: string, name: string): Promise<void> {
  try {
    await server.exec(`create database "${name}"`);
  } catch (error) {
    throw new OperationError(`cannot create the database ${name} on ${redactUrl(url)}: ${describePgError(error, CONNECT_TIMEOUT_MS)}`);
  }
}

async function dropDatabase(server: Database, name: string): Promise<void> {
  // `with (force)` also ends connections a failed statement may have left behind.
  await server.exec(`drop database if exists "${name}" with (force)`);
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const SHADOW_URL = 'the shadow database URL';
const parseUrl = (url: string) => assertPostgresUrl(url, SHADOW_URL);

function withDatabase(url: string, database: string): string {
  const parsed = parseUrl(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function databaseName(url: string): string {
  return decodeURIComponent(parseUrl(url).pathname.slice(1));
}
