import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { passwordsIn } from '../redact.js';

const require = createRequire(import.meta.url);

/**
 * The passwords this invocation could print, for its output to mask: those in its arguments
 * (`--url`, `--shadow-url`, any connection string), DATABASE_URL and PGPASSWORD, and the
 * password files libpq-style tools read (.pgpass, pg_service.conf). Built once per run and
 * passed to the Output: redaction keeps no process-wide state.
 */
export function knownSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return [
    ...argv.flatMap((arg) => passwordsIn(arg)),
    ...passwordsIn(env.DATABASE_URL),
    ...(env.PGPASSWORD ? [env.PGPASSWORD] : []),
    ...pgpassPasswords(env),
    ...servicePasswords(env),
  ];
}

/** The password field of every entry of PGPASSFILE or ~/.pgpass, parsed by pg's own pgpass module. */
function pgpassPasswords(env: NodeJS.ProcessEnv): string[] {
  const text = readOptional(env.PGPASSFILE ?? join(homedir(), '.pgpass'));
  if (text === undefined) return [];
  const { parseLine } = require('pgpass/lib/helper.js') as { parseLine: (line: string) => { password?: string } | null };
  return text.split(/\r?\n/).flatMap((line) => parseLine(line)?.password ?? []);
}

/** `password` of every service in PGSERVICEFILE (or ~/.pg_service.conf) and PGSYSCONFDIR/pg_service.conf. */
function servicePasswords(env: NodeJS.ProcessEnv): string[] {
  const files = [env.PGSERVICEFILE ?? join(homedir(), '.pg_service.conf'), ...(env.PGSYSCONFDIR ? [join(env.PGSYSCONFDIR, 'pg_service.conf')] : [])];
  return files.flatMap((file) => {
    const text = readOptional(file);
    if (text === undefined) return [];
    const { parse } = require('ini') as { parse: (text: string) => Record<string, unknown> };
    return Object.values(parse(text)).flatMap((service) => {
      const password = (service as Record<string, unknown> | undefined)?.password;
      return typeof password === 'string' ? [password] : [];
    });
  });
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
