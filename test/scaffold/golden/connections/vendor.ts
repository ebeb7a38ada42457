import { drizzle } from 'drizzle-orm/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../db/vendor/types.js';
import * as schema from '../db/vendor/schema.js';
import { pool } from './pool.js';

/** Section vendor's query builders, over the shared pool. Its types cover its own tables only. */
export const vendorDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
export const vendorDrizzle = drizzle(pool, { schema });
