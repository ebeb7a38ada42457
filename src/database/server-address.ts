import { UserError } from '../errors.js';

/** A server URL, parsed; one that does not parse is refused without being echoed (it may hide a password). */
export function parseServerUrl(url: string, what: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new UserError(`${what} is not a valid URL (expected postgres://user:password@host:port/database)`);
  }
}

/** Where a URL points, without credentials: `host:port/database`. */
export function serverAddress(url: string, what: string): string {
  const parsed = parseServerUrl(url, what);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}
