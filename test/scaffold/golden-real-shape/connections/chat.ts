import { drizzle } from 'drizzle-orm/node-postgres';
import { Kysely, PostgresDialect, type KyselyPlugin } from 'kysely';
import type { DB } from '../db/chat/types.js';
import * as schema from '../db/chat/schema.js';
import { pool } from './pool.js';

/** Section chat's Kysely plugins: its query builders use them, and so does its executor in `transaction`. */
export const chatPlugins: readonly KyselyPlugin[] = [];

/** Section chat's query builders, over the shared pool. Its types cover its own tables only. */
export const chatDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [...chatPlugins] });
// Relations into other sections' tables (chatRelations) are left out: drizzle cannot resolve them here.
const { chatRelations: _chatRelations, ...ownSchema } = schema;
export const chatDrizzle = drizzle(pool, { schema: ownSchema });
