import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * `sections.sum`, in the spirit of Atlas's atlas.sum: a hash per migration file and one over all
 * of them on the first line. Two branches that each add a migration both change that first line
 * and append after the same last line, so git reports a conflict instead of merging two
 * migrations with the same number silently; an edited migration no longer matches its line.
 */
export const SUM_FILE_NAME = 'sections.sum';

export interface SumEntry {
  readonly file: string;
  readonly hash: string;
}

export function sumFilePath(migrationsDir: string): string {
  return join(migrationsDir, SUM_FILE_NAME);
}

/** Line endings are normalised so a CRLF checkout hashes like the LF original. */
export function hashMigration(sql: string): string {
  return `h1:${createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('base64')}`;
}

export function renderSumFile(entries: readonly SumEntry[]): string {
  const lines = entries.map((entry) => `${entry.file} ${entry.hash}`);
  const total = createHash('sha256').update(lines.join('\n')).digest('base64');
  return `h1:${total}\n${lines.map((line) => `${line}\n`).join('')}`;
}

/** The per-file lines of a sum file; `undefined` for text that is not one (e.g. with conflict markers). */
export function parseSumFile(text: string): SumEntry[] | undefined {
  const [header, ...lines] = text.replace(/\r\n/g, '\n').split('\n').filter((line) => line !== '');
  if (!header?.startsWith('h1:')) return undefined;
  const entries: SumEntry[] = [];
  for (const line of lines) {
    const match = /^(\S+) (h1:\S+)$/.exec(line);
    if (!match) return undefined;
    entries.push({ file: match[1]!, hash: match[2]! });
  }
  return renderSumFile(entries) === `${[header, ...lines].join('\n')}\n` ? entries : undefined;
}
