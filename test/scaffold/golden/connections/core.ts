import { drizzle } from 'drizzle-orm/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type { DB } from '../db/core/types.js';
import * as schema from '../db/core/schema.js';
import { pool } from './pool.js';

/** Section core's query builders, over the shared pool. Its types cover its own tables only. */
export const coreDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
export const coreDrizzle = drizzle(pool, { schema });
