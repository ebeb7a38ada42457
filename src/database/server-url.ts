import { UserError } from '../errors.js';

const EXPECTED = 'expected a postgres:// or postgresql:// URL';

/**
 * A PostgreSQL URL, parsed; anything else is refused before anything connects: pg would read
 * `notaurl` as a host name and `mysql://…` as a PostgreSQL server. The value itself is not
 * echoed (it may hold a password); `from` names where it came from.
 */
export function assertPostgresUrl(url: string, from: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${from} is not a URL (${EXPECTED})`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UserError(`${from} is a ${parsed.protocol}// URL, not a PostgreSQL one (${EXPECTED})`);
  }
  return parsed;
}

/** Where a URL points, without credentials: `host:port/database`. */
export function serverAddress(url: string, from: string): string {
  const parsed = assertPostgresUrl(url, from);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}
