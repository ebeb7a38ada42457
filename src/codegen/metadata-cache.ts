import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonFile } from '../json-file.js';
import type { MetadataJson } from './introspect.js';

/**
 * The introspected metadata depends only on the migrations' SQL (and the kysely-codegen that
 * reads it), so an unchanged folder needs no database at all: `check` on a clean tree and a
 * `generate` with nothing to do boot nothing.
 */
export function metadataCacheKey(migrationSql: readonly string[], codegenVersion: string): string {
  const hash = createHash('sha256').update(`kysely-codegen@${codegenVersion}\n`);
  for (const sql of migrationSql) hash.update(`${sql.length}:${sql}`);
  return hash.digest('hex').slice(0, 32);
}

export async function readCachedMetadata(cacheDir: string, key: string): Promise<MetadataJson | undefined> {
  try {
    return JSON.parse(await readFile(join(cacheDir, `metadata-${key}.json`), 'utf8')) as MetadataJson;
  } catch {
    return undefined;
  }
}

export async function writeCachedMetadata(cacheDir: string, key: string, metadata: MetadataJson): Promise<void> {
  // A cache that cannot be written only costs time next run.
  await writeJsonFile(join(cacheDir, `metadata-${key}.json`), metadata).catch(() => undefined);
}
