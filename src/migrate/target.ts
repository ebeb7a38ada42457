import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { connectServer } from '../database/connect-server.js';
import type { Database } from '../database/database.js';
import { displayPath } from '../display-path.js';
import { UserError } from '../errors.js';
import { connectPglite, type PgliteTargetOptions } from './connect-pglite.js';
import { assertPostgresUrl } from '../database/server-url.js';

/** Where the target came from, as messages name it. */
export type TargetSource = '--url' | '--local' | 'DATABASE_URL' | 'DATABASE_URL in .env' | 'database.url' | 'database.local';

export type Target =
  | { readonly kind: 'server'; readonly url: string; readonly source: TargetSource }
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly source: TargetSource };

/** What resolving the target needs besides the options: for messages, and the `.env` file's variables. */
export interface TargetContext {
  /** `migrate` or `status`. */
  readonly command: string;
  readonly cwd: string;
  readonly dotEnv: Readonly<Record<string, string | undefined>>;
}

export interface TargetOptions {
  /** `--url`. */
  readonly url?: string | undefined;
  /** `--local`: the embedded database in `database.dataDir`. */
  readonly local?: boolean | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly connectTimeoutMs?: number;
  /** For the embedded database: the command taking its lock, and whether it only reads (then nothing is created). */
  readonly embedded: PgliteTargetOptions;
}

/** The target, connected. */
export interface TargetConnection {
  /** Where it points and why, password redacted. */
  readonly target: string;
  readonly source: TargetSource;
  /** `undefined`: the embedded database does not exist yet, and the command only reads (nothing is applied there). */
  readonly db: Database | undefined;
}

/**
 * The database `migrate` and `status` work on, first found of: `--url`, `--local`, the
 * `DATABASE_URL` environment variable, `DATABASE_URL` in the `.env` file beside the config,
 * the config's `database.url`, the config's `database.local`. Never a database nobody asked
 * for: with none of them it is a {@link UserError} naming the ways to give one. A variable set
 * but empty is refused, not skipped: a deploy whose secret went missing must not fall through
 * to another database.
 */
export function resolveTarget(config: ResolvedConfig, options: TargetOptions, context: TargetContext): Target {
  const { command, cwd, dotEnv } = context;
  const env = options.env ?? process.env;
  const server = (url: string, source: TargetSource): Target => {
    if (url === '') throw new UserError(`${source} is set but empty; give the database's URL (or unset it)`);
    assertPostgresUrl(url, source);
    return { kind: 'server', url, source };
  };
  const embedded = (source: TargetSource): Target => ({ kind: 'embedded', dataDir: config.dataDir, source });
  if (options.url !== undefined && options.local) throw new UserError('--url and --local name two different databases; give one');
  if (options.url !== undefined) return server(options.url, '--url');
  if (options.local) return embedded('--local');
  if (env.DATABASE_URL !== undefined) return server(env.DATABASE_URL, 'DATABASE_URL');
  if (dotEnv.DATABASE_URL !== undefined) return server(dotEnv.DATABASE_URL, 'DATABASE_URL in .env');
  if (config.databaseUrl !== undefined) return server(config.databaseUrl, 'database.url');
  if (config.databaseLocal) return embedded('database.local');
  throw new UserError(`sections ${command} needs a database: pass --url <url>, set DATABASE_URL (in the environment or in .env), or set database.url in the config`, [
    `for the embedded database in ${displayPath(cwd, config.dataDir)}, pass --local or set database.local: true`,
  ]);
}

/** The variables of the `.env` file in the config's folder, without touching `process.env`. */
export async function readDotEnv(config: ResolvedConfig): Promise<Readonly<Record<string, string | undefined>>> {
  const text = await readFile(join(config.rootDir, '.env'), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new UserError(`${join(config.rootDir, '.env')}: cannot read it (${error.code ?? error.message})`);
  });
  return parseEnv(text);
}

/** Connects to the resolved target; `target` says where it points and why, password redacted. */
export async function connectTarget(config: ResolvedConfig, cwd: string, options: TargetOptions, command: string): Promise<TargetConnection> {
  const target = resolveTarget(config, options, { command, cwd, dotEnv: await readDotEnv(config) });
  if (target.kind === 'server') {
    const db = await connectServer(target.url, options.connectTimeoutMs);
    return { target: db.target, source: target.source, db };
  }
  const shown = `embedded PGlite in ${displayPath(cwd, target.dataDir)}`;
  return { target: shown, source: target.source, db: await connectPglite(target.dataDir, config.cacheDir, shown, options.embedded) };
}
