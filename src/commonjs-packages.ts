import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/*
 * Packages that something else in the process loads with `require` — jiti loads the user's schema
 * modules as CommonJS (drizzle-orm), kysely-codegen is CommonJS (kysely) — loaded the same way
 * here: one copy of each per process instead of that copy plus the ESM build beside it (0.17 s
 * for kysely, 0.04 s for drizzle-orm), and one set of classes for `instanceof`.
 */

export const drizzleOrm = () => require('drizzle-orm') as typeof import('drizzle-orm');
export const drizzleOrmCasing = () => require('drizzle-orm/casing') as typeof import('drizzle-orm/casing');
export const drizzleOrmPgCore = () => require('drizzle-orm/pg-core') as typeof import('drizzle-orm/pg-core');
export const drizzleKitApi = () => require('drizzle-kit/api') as typeof import('drizzle-kit/api');
export const kysely = () => require('kysely') as typeof import('kysely');
/** kysely-codegen requires it too; importing its 9 MB of CommonJS instead would have node scan it all first. */
export const typescript = () => require('typescript') as typeof import('typescript');
