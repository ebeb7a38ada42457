/**
 * Passwords must never reach output, whatever they contain and however they are written. Two
 * layers, neither holding any state:
 *
 * - patterns: the password part of URL userinfo (`user:pass@`, and a user name carrying an
 *   encoded `:`, `user%3Apass@`), `password=` in query strings and libpq keyword/value strings
 *   (quoted or not), `PGPASSWORD=`; and values of `password` keys in JSON output;
 * - known secrets: the passwords of this invocation (its arguments, environment, .pgpass and
 *   service files), which the CLI collects and hands to its output, in every encoding.
 */

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#'"`<>]*)@/gi;
const PASSWORD_SETTING = /\b((?:pg|ssl)?password)(\s*=\s*)('(?:\\.|[^'\\])*'?|"(?:\\.|[^"\\])*"?|[^\s&;'"]+)/gi;
/** Where the password starts in userinfo: after `:`, or after a `:` percent-encoded once or twice. */
const PASSWORD_SEPARATOR = /:|%3a|%253a/i;
const MASK = '***';

/** A connection string safe to print: its password (in whatever form) replaced by `***`. */
export function redactUrl(url: string): string {
  return redactSecrets(url);
}

/** `text` with every password it shows masked: by pattern, and each of `known` in every encoding. */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let result = text
    .replace(URL_USERINFO, (_match, scheme: string, userinfo: string) => `${scheme}${maskUserinfo(userinfo)}@`)
    .replace(PASSWORD_SETTING, (_match, key: string, equals: string) => `${key}${equals}${MASK}`);
  for (const secret of [...new Set(known.flatMap(secretForms))].sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(MASK);
  }
  return result;
}

/** A value for JSON output with every string redacted, and `password` keys masked whatever they hold. */
export function redactValue(value: unknown, known: readonly string[] = []): unknown {
  if (typeof value === 'string') return redactSecrets(value, known);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, known));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, /password/i.test(key) && item !== undefined && item !== null ? MASK : redactValue(item, known)]),
    );
  }
  return value;
}

/**
 * The passwords a connection setting carries: a URL's (its userinfo, a user name with an encoded
 * `:`, `?password=`) or a libpq keyword/value string's.
 */
export function passwordsIn(connection: string | undefined): string[] {
  if (!connection) return [];
  const found: string[] = [];
  for (const match of connection.matchAll(URL_USERINFO)) {
    const userinfo = match[2]!;
    const separator = PASSWORD_SEPARATOR.exec(userinfo);
    if (separator) found.push(userinfo.slice(separator.index + separator[0].length));
  }
  for (const match of connection.matchAll(PASSWORD_SETTING)) found.push(unquote(match[3]!));
  return found.filter((secret) => secret !== '');
}

/**
 * The forms a secret may take in output: as given, percent-decoded, percent-encoded. One character
 * is too short to mask without mangling every line.
 */
export function secretForms(secret: string): string[] {
  if (secret.length < 2) return [];
  const forms = new Set([secret, encodeURIComponent(secret)]);
  let decoded = secret;
  for (let depth = 0; depth < 3; depth += 1) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      break;
    }
    forms.add(decoded);
    forms.add(encodeURIComponent(decoded));
  }
  return [...forms].filter((form) => form.length >= 2);
}

function maskUserinfo(userinfo: string): string {
  const separator = PASSWORD_SEPARATOR.exec(userinfo);
  return separator ? `${userinfo.slice(0, separator.index + separator[0].length)}${MASK}` : userinfo;
}

function unquote(value: string): string {
  const quote = value[0];
  if (quote !== "'" && quote !== '"') return value;
  return value.slice(1, value.endsWith(quote) && value.length > 1 ? -1 : undefined).replace(/\\(.)/g, '$1');
}
