import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/*
 * drizzle-orm and drizzle-kit's API through `require`, the way jiti loads the user's schema
 * modules: one CommonJS copy of drizzle-orm per process, instead of that copy plus the ESM build
 * next to it (about 90 ms of loading, and no second set of classes for `instanceof` to trip on).
 */

export const drizzleOrm = () => require('drizzle-orm') as typeof import('drizzle-orm');
export const drizzleOrmCasing = () => require('drizzle-orm/casing') as typeof import('drizzle-orm/casing');
export const drizzleOrmPgCore = () => require('drizzle-orm/pg-core') as typeof import('drizzle-orm/pg-core');
export const drizzleKitApi = () => require('drizzle-kit/api') as typeof import('drizzle-kit/api');
