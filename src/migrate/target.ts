import type { ResolvedConfig } from '../config/resolved-config.js';
import { connectServer } from '../database/connect-server.js';
import type { Database } from '../database/database.js';
import { displayPath } from '../display-path.js';
import { registerUrlSecrets } from '../redact.js';
import { connectPglite } from './connect-pglite.js';

export interface TargetOptions {
  /** `--url`. */
  readonly url?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly connectTimeoutMs?: number;
}

/** `--url`, else DATABASE_URL, else the config's `database.url`, else the embedded database. */
export async function connectTarget(config: ResolvedConfig, cwd: string, options: TargetOptions): Promise<Database> {
  const env = options.env ?? process.env;
  const url = options.url ?? env.DATABASE_URL ?? config.databaseUrl;
  if (url) {
    registerUrlSecrets(url, env);
    return connectServer(url, options.connectTimeoutMs);
  }
  return connectPglite(config.dataDir, config.cacheDir, `embedded PGlite (${displayPath(cwd, config.dataDir)})`);
}
