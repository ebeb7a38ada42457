import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonFile } from '../json-file.js';
import { outputToolVersions } from '../package-version.js';
import type { MetadataJson } from '../codegen/introspect.js';

/** Everything an introspection's result depends on. */
export interface MetadataCacheInputs {
  /** Every migration's SQL, in the order they run: the folder's and the new one. */
  readonly migrations: readonly string[];
  /** The engine that ran them and its version (`pglite@0.5.16`, `postgresql@16.4 host:port`). */
  readonly engine: string;
  /** Every section's kysely-codegen options. */
  readonly codegen: unknown;
}

/**
 * The cache holds only what an engine really executed and introspected, under a key covering
 * every input: the whole history and the new SQL, the engine and its version, and the versions of
 * sections, drizzle and kysely-codegen. An unchanged folder then needs no database at all.
 */
export function metadataCacheKey(inputs: MetadataCacheInputs): string {
  const hash = createHash('sha256').update(`${outputToolVersions()}\n${inputs.engine}\n${JSON.stringify(inputs.codegen)}\n`);
  for (const sql of inputs.migrations) hash.update(`${sql.length}:${sql}`);
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
