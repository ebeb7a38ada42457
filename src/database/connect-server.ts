import pg from 'pg';
import { OperationError } from '../errors.js';
import { redactSecrets, redactUrl } from '../redact.js';
import { databaseOver, type Database } from './database.js';

export const CONNECT_TIMEOUT_MS = 10_000;

/** Connects to a server, telling apart the failures a user fixes differently. */
export async function connectServer(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Database> {
  const target = redactUrl(url);
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  } catch {
    throw new OperationError('the database URL is not valid (expected a postgres:// or postgresql:// URL)');
  }
  // A connection lost later is reported by the query that needed it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new OperationError(`cannot connect to ${target}: ${describePgError(error, timeoutMs)}`);
  }
  return databaseOver('server', target, {
    query: async (sql, params) => {
      const result = await client.query(sql, [...params]);
      // A multi-statement text answers one result per statement: the last one is what it returned.
      const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
      return { command: last?.command, rowCount: last?.rowCount ?? 0, rows: last?.rows ?? [] };
    },
    end: () => client.end().catch(() => undefined),
  });
}

/** One line for a failed connection or statement: what went wrong and what it means, never the password. */
export function describePgError(error: unknown, timeoutMs: number): string {
  const errors = error instanceof AggregateError ? error.errors : [error];
  const first = errors[0] as { code?: string; message?: string; hostname?: string } | undefined;
  const code = first?.code;
  const message = redactSecrets(errors.map((each: { message?: string; code?: string }) => each?.message || each?.code).filter(Boolean).join('; '));
  if (code === '28P01' || code === '28000') return `authentication failed (${message})`;
  if (code === '3D000') return `the database does not exist (${message})`;
  if (code === 'ECONNREFUSED') return `the server refused the connection: is PostgreSQL running there? (${message})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `unknown host${first?.hostname ? ` "${first.hostname}"` : ''} (${message})`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `the host is unreachable (${message})`;
  if (/timeout/i.test(message)) return `no answer within ${timeoutMs / 1000} s (${message})`;
  return message || 'unknown error';
}
