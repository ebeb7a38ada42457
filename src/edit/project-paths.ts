import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A path as a config file writes it: `./`-relative to the config's folder, with forward slashes. */
export function configRelative(rootDir: string, file: string): string {
  return `./${relative(rootDir, file).split(sep).join('/')}`;
}

/** drizzle-kit's own config file names, in the order it looks for them. */
export const DRIZZLE_CONFIG_FILES = ['drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.json', 'drizzle.config.mts', 'drizzle.config.mjs', 'drizzle.config.cjs'] as const;

/** The file name of the drizzle-kit config drizzle-kit would pick in `dir`, if any. */
export function drizzleConfigIn(dir: string): string | undefined {
  return DRIZZLE_CONFIG_FILES.find((file) => existsSync(join(dir, file)));
}
