import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { writeJsonFile } from '../json-file.js';
import { serverAddress } from '../database/server-url.js';
import { outputToolVersions } from '../package-version.js';
import type { ForeignKeyViolation } from '../model/boundaries.js';
import type { Plan } from './plan.js';

/**
 * What the last full run saw and produced. When every input still hashes the same and every
 * output is still on disk as planned, `generate` has nothing to do and `check` has nothing to
 * find, so neither needs to load drizzle-kit, kysely-codegen, the schemas or a database.
 */
export interface GenerationStamp {
  readonly tools: string;
  /**
   * The config as that run resolved it, without its database URLs (a cache is no place for a
   * password; nothing answered from the stamp connects anywhere). Its file is among the inputs,
   * so while the stamp holds, loading and validating the config again would give the same.
   */
  readonly config: ResolvedConfig;
  /** Config, schema modules and every local file they load, and every file of the migrations folder. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Generated files by content hash; scaffolded ones (the user's) only need to exist. */
  readonly outputs: Readonly<Record<string, StampedOutput>>;
  readonly sections: readonly { readonly name: string; readonly tables: readonly string[]; readonly typesFile: string }[];
  readonly foreignKeyViolations: readonly ForeignKeyViolation[];
  /**
   * The server `--shadow-url` chose as the engine (its address, no credentials), or null when the
   * config chose (its file is an input): the same tree may be proven on another engine only anew.
   */
  readonly engineFlag: string | null;
}

export interface StampedOutput {
  readonly hash: string;
  readonly kind: string;
  readonly section: string | null;
}

const EXISTS = 'exists';
const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));

export async function createStamp(
  config: ResolvedConfig,
  loadedFiles: readonly string[],
  plan: Plan,
  sections: GenerationStamp['sections'],
  foreignKeyViolations: readonly ForeignKeyViolation[],
  shadowUrlFlag: string | undefined,
): Promise<GenerationStamp> {
  const inputFiles = [...new Set([config.configFile, ...loadedFiles, ...(await listInputFolders(config))])].sort();
  const inputs: Record<string, string> = {};
  for (const file of inputFiles) inputs[file] = (await hashFile(file)) ?? 'missing';
  const outputs: Record<string, StampedOutput> = {};
  for (const file of plan.files) {
    outputs[file.path] = { hash: file.ownership === 'scaffold' ? EXISTS : hash(file.content), kind: file.kind, section: file.section ?? null };
  }
  return {
    tools: outputToolVersions(),
    config: { ...config, databaseUrl: undefined, shadowUrl: undefined },
    inputs,
    outputs,
    sections,
    foreignKeyViolations,
    engineFlag: engineFlag(shadowUrlFlag),
  };
}

/** What the last full run's stamp says of the disk now. */
export interface StampVerdict {
  /** The stamp, if it still describes the disk exactly; otherwise `undefined` (run the full way). */
  readonly valid: GenerationStamp | undefined;
  /**
   * Whether the config or a schema module (or a file it imports) changed since the last full run,
   * or there was none: then the schemas have likely changed, and a migration is likely to come.
   */
  readonly sourcesChanged: boolean;
}

/** Reads the stamp and hashes each file it names once, all at once (one after another, each would wait on the disk in turn). */
export async function inspectStamp(location: Pick<ResolvedConfig, 'configFile' | 'cacheDir'>, shadowUrlFlag: string | undefined): Promise<StampVerdict> {
  const stamp = await readStamp(location);
  if (!stamp) return { valid: undefined, sourcesChanged: true };
  const generatedInputs = await listInputFolders(stamp.config);
  const [inputs, outputs] = await Promise.all([
    Promise.all(Object.entries(stamp.inputs).map(async ([file, expected]) => ({ file, holds: ((await hashFile(file)) ?? 'missing') === expected }))),
    Promise.all(
      Object.entries(stamp.outputs).map(async ([file, expected]) => {
        const actual = await hashFile(file, { lineEndings: 'lf' });
        return actual !== undefined && (expected.hash === EXISTS || actual === expected.hash);
      }),
    ),
  ]);
  const generated = new Set(generatedInputs);
  const valid =
    stamp.engineFlag === engineFlag(shadowUrlFlag) &&
    generatedInputs.every((file) => file in stamp.inputs) &&
    inputs.every((input) => input.holds) &&
    outputs.every(Boolean);
  return { valid: valid ? stamp : undefined, sourcesChanged: inputs.some((input) => !input.holds && !generated.has(input.file)) };
}

/**
 * The config, the schema modules and the local files they load, as the last full run recorded
 * them (none before a first one): what `generate --watch` watches.
 */
export async function stampedSourceFiles(location: Pick<ResolvedConfig, 'configFile' | 'cacheDir'>): Promise<string[]> {
  const stamp = await readStamp(location);
  if (!stamp) return [];
  const generatedInputs = new Set(await listInputFolders(stamp.config));
  return Object.keys(stamp.inputs).filter((file) => !generatedInputs.has(file));
}

/** The stamp of this config's last full run, made by the tools installed now; whether it still holds is not checked. */
async function readStamp(location: Pick<ResolvedConfig, 'configFile' | 'cacheDir'>): Promise<GenerationStamp | undefined> {
  let stamp: GenerationStamp;
  try {
    stamp = JSON.parse(await readFile(stampPath(location), 'utf8')) as GenerationStamp;
  } catch {
    return undefined;
  }
  if (stamp.tools !== outputToolVersions() || stamp.config?.configFile !== location.configFile || stamp.config.cacheDir !== location.cacheDir) return undefined;
  // Made before violations carried what the boundary baseline matches them on (same version, older build).
  if (!Array.isArray(stamp.foreignKeyViolations) || stamp.foreignKeyViolations.some((violation) => typeof violation.constraint !== 'string') || !stamp.config.boundaries) return undefined;
  return stamp;
}

function engineFlag(shadowUrlFlag: string | undefined): string | null {
  return shadowUrlFlag ? serverAddress(shadowUrlFlag, 'the shadow database URL') : null;
}

/**
 * Called before a commit replaces any file: a stamp must never vouch for a tree it did not see,
 * and a run killed between the commit and {@link writeStamp} leaves none.
 */
export async function removeStamp(location: Pick<ResolvedConfig, 'configFile' | 'cacheDir'>): Promise<void> {
  await rm(stampPath(location), { force: true });
}

export async function writeStamp(config: ResolvedConfig, stamp: GenerationStamp): Promise<void> {
  // Only a speed-up: a stamp that cannot be written means the next run takes the full path.
  await writeJsonFile(stampPath(config), stamp).catch(() => undefined);
}

/** Folders whose every file is an input: a file added there changes the output. */
async function listInputFolders(config: Pick<ResolvedConfig, 'migrationsDir' | 'templatesDir'>): Promise<string[]> {
  const folders = [config.migrationsDir, BUILT_IN_TEMPLATES, ...(config.templatesDir ? [config.templatesDir] : [])];
  return (await Promise.all(folders.map(listFiles))).flat();
}

function stampPath(config: Pick<ResolvedConfig, 'configFile' | 'cacheDir'>): string {
  return join(config.cacheDir, `stamp-${hash(config.configFile).slice(0, 16)}.json`);
}

function hash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The file's hash; with `lineEndings: 'lf'`, of its text with CRLF read as LF (what `holdsContent` accepts). */
async function hashFile(file: string, options: { readonly lineEndings?: 'lf' } = {}): Promise<string | undefined> {
  try {
    const content = await readFile(file);
    return hash(options.lineEndings === 'lf' ? content.toString('utf8').replace(/\r\n/g, '\n') : content);
  } catch {
    return undefined;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}
