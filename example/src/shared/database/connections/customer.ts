import { drizzle } from 'drizzle-orm/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect, type KyselyPlugin } from 'kysely';
import type { DB } from '../schemas/customer/kysely-types.js';
import * as schema from '../schemas/customer/drizzle-schema.js';
import { pool } from './pool.js';

/** Section customer's Kysely plugins: its query builders use them, and so does its executor in `transaction`. */
export const customerPlugins: readonly KyselyPlugin[] = [new CamelCasePlugin()];

/** Section customer's query builders, over the shared pool. Its types cover its own tables only. */
export const customerDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [...customerPlugins] });
export const customerDrizzle = drizzle(pool, { schema });
