/**
 * Passwords must never reach output, whatever they contain. Every connection string we print
 * goes through {@link redactUrl}; every line goes through {@link redactSecrets}, which also
 * removes any password registered with {@link registerSecret} (from URLs, PGPASSWORD, config).
 */
const secrets = new Set<string>();

export function registerSecret(secret: string | undefined): void {
  if (!secret || secret.length < 2) return;
  secrets.add(secret);
  // The same password may appear percent-encoded or decoded.
  try {
    secrets.add(decodeURIComponent(secret));
  } catch {
    /* not percent-encoded */
  }
  secrets.add(encodeURIComponent(secret));
}

/** Registers the password of a connection string (and PGPASSWORD) as secrets. */
export function registerUrlSecrets(url: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  registerSecret(env.PGPASSWORD);
  if (!url) return;
  try {
    const parsed = new URL(url);
    registerSecret(parsed.password);
    registerSecret(parsed.searchParams.get('password') ?? undefined);
  } catch {
    // Not a URL we can parse: fall back to the userinfo between ':' and the last '@'.
    const match = /^[a-z]+:\/\/[^:/@]*:(.*)@[^@]*$/i.exec(url);
    registerSecret(match?.[1]);
  }
}

/** A connection string safe to print: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return url.replace(/^([a-z]+:\/\/[^:/@]*:)(.*)(@[^@]*)$/i, '$1***$3');
  }
}

export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join('***');
  }
  return result;
}
