/** The line `init` adds: the embedded database's default folder (`sections migrate --local`). */
export const SECTIONS_IGNORE = '.sections/';

const IGNORES_SECTIONS = /^\/?\.sections(\/|\/\*\*)?$/;

/**
 * `.gitignore` with `.sections/` added after its other lines (kept byte for byte, line endings
 * too), or undefined when a line already ignores that folder.
 */
export function gitignoreWithSections(text: string | undefined): string | undefined {
  const existing = text ?? '';
  if (existing.split(/\r?\n/).some((line) => IGNORES_SECTIONS.test(line.trim()))) return undefined;
  const newline = existing.includes('\r\n') ? '\r\n' : '\n';
  const base = existing === '' || existing.endsWith('\n') ? existing : `${existing}${newline}`;
  return `${base}${SECTIONS_IGNORE}${newline}`;
}
