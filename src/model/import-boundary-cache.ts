import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { writeJsonFile } from '../json-file.js';
import { ownVersion, packageVersion } from '../package-version.js';
import type { ImportViolation } from './boundaries.js';
import { hash, traceHolds, type ResolutionTrace } from './resolution-trace.js';

/**
 * The import boundary's last answer, so that `check` on an unchanged tree need not load the
 * TypeScript compiler (half a second). It holds while the same compiler would see the same
 * feature files, the same private modules and, via the trace, the same disk.
 */
interface ImportBoundaryCache {
  readonly key: string;
  readonly trace: ResolutionTrace;
  readonly violations: readonly ImportViolation[];
}

/** What the answer depends on besides the trace: the tools, the private modules, each feature file's content. */
export function importBoundaryKey(privateModules: unknown, files: readonly { readonly section: string; readonly path: string; readonly text: string }[]): string {
  const versions = `sections@${ownVersion()} typescript@${packageVersion('typescript') ?? '?'}`;
  return hash(JSON.stringify([versions, privateModules, files.map((file) => [file.section, file.path, hash(file.text)])]));
}

export async function readImportBoundaryCache(config: Pick<ResolvedConfig, 'configFile' | 'cacheDir'>, key: string): Promise<readonly ImportViolation[] | undefined> {
  let cache: ImportBoundaryCache;
  try {
    cache = JSON.parse(await readFile(cachePath(config), 'utf8')) as ImportBoundaryCache;
  } catch {
    return undefined;
  }
  return cache.key === key && traceHolds(cache.trace) ? cache.violations : undefined;
}

export async function writeImportBoundaryCache(config: Pick<ResolvedConfig, 'configFile' | 'cacheDir'>, cache: ImportBoundaryCache): Promise<void> {
  // Only a speed-up: without it the next run resolves again.
  await writeJsonFile(cachePath(config), cache).catch(() => undefined);
}

function cachePath(config: Pick<ResolvedConfig, 'configFile' | 'cacheDir'>): string {
  return join(config.cacheDir, `imports-${hash(config.configFile).slice(0, 16)}.json`);
}
