import { drizzle } from 'drizzle-orm/node-postgres';
import { {{kyselyImports}} } from 'kysely';
import type { DB } from '{{typesImport}}';
import * as schema from '{{schemaImport}}';
import { pool } from './pool.js';

/** Section {{section}}'s Kysely plugins: its query builders use them, and so does its executor in `transaction`. */
export const {{sectionVar}}Plugins: readonly KyselyPlugin[] = [{{kyselyPlugins}}];

/** Section {{section}}'s query builders, over the shared pool. Its types cover its own tables only. */
export const {{sectionVar}}Db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [...{{sectionVar}}Plugins] });
{{ownSchema}}export const {{sectionVar}}Drizzle = drizzle(pool, { {{drizzleSchema}} });
