import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { OperationError, UserError } from '../errors.js';
import { CONNECT_TIMEOUT_MS, describePgError } from '../migrate/connect-server.js';
import { redactUrl, registerUrlSecrets } from '../redact.js';
import { execMigrationSql, kyselyOver, once, type Engine } from './engine.js';


/**
 * A temporary database (`sections_shadow_<random>`) on the server at `url`, dropped by `close()`.
 * The database named in `url` is only connected to, to create and drop the temporary one; the
 * URL's role needs CREATEDB.
 */
export async function openServerEngine(options: { url: string }): Promise<Engine> {
  const { url } = options;
  registerUrlSecrets(url);
  const name = `sections_shadow_${randomBytes(6).toString('hex')}`;
  const shadowUrl = withDatabase(url, name);
  await onServer(url, `create database "${name}"`, `cannot create the temporary database ${name}`);

  const pool = new pg.Pool({ connectionString: shadowUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, max: 2 });
  // An idle connection the server drops must not crash the process: the next query reports it.
  pool.on('error', () => undefined);
  const db = kyselyOver(pool);
  const close = once(async () => {
    try {
      await db.destroy();
    } finally {
      // `with (force)` also ends connections a failed query may have left behind.
      await onServer(url, `drop database if exists "${name}" with (force)`, `cannot drop the temporary database ${name}`);
    }
  });
  return { kind: 'server', preapplied: 0, db, exec: (sql) => execMigrationSql(db, sql), close };
}

/** Runs one statement on the database named in `url`, over a connection of its own. */
async function onServer(url: string, statement: string, failure: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A connection lost after connecting is reported by the query that needed it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new OperationError(`cannot connect to ${redactUrl(url)}: ${describePgError(error, CONNECT_TIMEOUT_MS)}`);
  }
  try {
    await client.query(statement);
  } catch (error) {
    throw new OperationError(`${failure} on ${redactUrl(url)}: ${describePgError(error, CONNECT_TIMEOUT_MS)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withDatabase(url: string, database: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: an unparseable URL may hide its password from redaction.
    throw new UserError('the shadow database URL is not a valid URL (expected postgres://user:password@host:port/database)');
  }
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
