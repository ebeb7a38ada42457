import { drizzle } from 'drizzle-orm/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect, type KyselyPlugin } from 'kysely';
import type { DB } from '../schemas/vendor/kysely-types.js';
import * as schema from '../schemas/vendor/drizzle-schema.js';
import { pool } from './pool.js';

/** Section vendor's Kysely plugins: its query builders use them, and so does its executor in `transaction`. */
export const vendorPlugins: readonly KyselyPlugin[] = [new CamelCasePlugin()];

/** Section vendor's query builders, over the shared pool. Its types cover its own tables only. */
export const vendorDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [...vendorPlugins] });
export const vendorDrizzle = drizzle(pool, { schema });
