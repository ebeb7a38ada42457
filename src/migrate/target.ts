import type { ResolvedConfig } from '../config/resolved-config.js';
import { displayPath } from '../display-path.js';
import { connectPglite, type PgliteTargetOptions } from './connect-pglite.js';
import { connectServer } from './connect-server.js';
import type { Session } from './session.js';

export interface TargetOptions {
  /** `--url`. */
  readonly url?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly connectTimeoutMs?: number;
  /** For the embedded database: the command taking its lock, and whether it only reads (then nothing is created). */
  readonly embedded: PgliteTargetOptions;
}

/** `--url`, else DATABASE_URL, else the config's `database.url`, else the embedded database. */
export async function connectTarget(config: ResolvedConfig, cwd: string, options: TargetOptions): Promise<Session> {
  const env = options.env ?? process.env;
  const url = options.url ?? env.DATABASE_URL ?? config.databaseUrl;
  if (url) {
    return connectServer(url, options.connectTimeoutMs);
  }
  const session = await connectPglite(config.dataDir, config.cacheDir, options.embedded);
  return { ...session, target: `embedded PGlite (${displayPath(cwd, config.dataDir)})` };
}
