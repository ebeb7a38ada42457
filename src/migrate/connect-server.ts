import pg from 'pg';
import { OperationError } from '../errors.js';
import { redactSecrets, redactUrl } from '../redact.js';
import type { Session } from './session.js';

export const CONNECT_TIMEOUT_MS = 10_000;

/** Connects to a server, telling apart the failures a user fixes differently. */
export async function connectServer(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Session> {
  const target = redactUrl(url);
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  } catch {
    throw new OperationError('the database URL is not valid (expected postgres://user:password@host:port/database)');
  }
  // A connection lost later is reported by the query that needed it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new OperationError(`cannot connect to ${target}: ${describePgError(error, timeoutMs)}`);
  }
  return {
    target,
    kind: 'server',
    query: async <T>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params ? [...params] : undefined)).rows as T[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
    close: () => client.end().catch(() => undefined),
  };
}

/** One line for a failed connection or statement: what went wrong and what it means, never the password. */
export function describePgError(error: unknown, timeoutMs: number): string {
  const errors = error instanceof AggregateError ? error.errors : [error];
  const first = errors[0] as { code?: string; message?: string } | undefined;
  const code = first?.code;
  const message = redactSecrets(errors.map((each: { message?: string; code?: string }) => each?.message || each?.code).filter(Boolean).join('; '));
  if (code === '28P01' || code === '28000') return `authentication failed (${message})`;
  if (code === '3D000') return `the database does not exist (${message})`;
  if (code === 'ECONNREFUSED') return `the server refused the connection: is PostgreSQL running there? (${message})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `unknown host (${message})`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `the host is unreachable (${message})`;
  if (/timeout/i.test(message)) return `no answer within ${timeoutMs / 1000} s (${message})`;
  return message || 'unknown error';
}
