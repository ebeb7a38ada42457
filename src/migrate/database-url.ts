import { UserError } from '../errors.js';

const EXPECTED = 'expected postgres://user:password@host:port/database';

/**
 * Refuses a connection string that is not a PostgreSQL URL before anything connects: pg would
 * read `notaurl` as a host name and `mysql://…` as a PostgreSQL server. The value itself is not
 * echoed (it may hold a password); `from` names where it came from.
 */
export function assertPostgresUrl(url: string, from: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new UserError(`${from} is not a URL (${EXPECTED})`);
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new UserError(`${from} is a ${protocol}// URL, not a PostgreSQL one (${EXPECTED})`);
  }
}
