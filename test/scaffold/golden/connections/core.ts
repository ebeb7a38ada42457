import { drizzle } from 'drizzle-orm/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect, type KyselyPlugin } from 'kysely';
import type { DB } from '../db/core/types.js';
import * as schema from '../db/core/schema.js';
import { pool } from './pool.js';

/** Section core's Kysely plugins: its query builders use them, and so does its executor in `transaction`. */
export const corePlugins: readonly KyselyPlugin[] = [new CamelCasePlugin()];

/** Section core's query builders, over the shared pool. Its types cover its own tables only. */
export const coreDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [...corePlugins] });
export const coreDrizzle = drizzle(pool, { schema });
