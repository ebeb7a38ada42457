import { drizzle } from 'drizzle-orm/node-postgres';
import { Kysely, PostgresDialect, type KyselyPlugin } from 'kysely';
import type { DB } from '../db/identity/types.js';
import * as schema from '../db/identity/schema.js';
import { pool } from './pool.js';

/** Section identity's Kysely plugins: its query builders use them, and so does its executor in `transaction`. */
export const identityPlugins: readonly KyselyPlugin[] = [];

/** Section identity's query builders, over the shared pool. Its types cover its own tables only. */
export const identityDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [...identityPlugins] });
export const identityDrizzle = drizzle(pool, { schema });
