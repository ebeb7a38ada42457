import { UserError } from '../errors.js';

export const SECTIONS_SCRIPTS: Readonly<Record<string, string>> = {
  'db:generate': 'sections generate',
  'db:migrate': 'sections migrate',
  'db:check': 'sections check',
};

/**
 * package.json with our scripts added, re-serialised with its own indent and final newline; a
 * script of the same name with another command is refused rather than replaced.
 */
export function addPackageScripts(text: string, shownAs: string, scripts: Readonly<Record<string, string>>): string {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`${shownAs}: not valid JSON (${(error as Error).message})`);
  }
  const existing = (manifest.scripts ?? {}) as Record<string, string>;
  for (const [name, command] of Object.entries(scripts)) {
    if (existing[name] !== undefined && existing[name] !== command) {
      throw new UserError(`${shownAs}: scripts.${name} already exists ("${existing[name]}"); remove or rename it first`);
    }
  }
  manifest.scripts = { ...existing, ...scripts };
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  return `${JSON.stringify(manifest, null, indent)}${text.endsWith('\n') ? '\n' : ''}`;
}

/** A package.json for a project that has none. */
export function newPackageJson(name: string, scripts: Readonly<Record<string, string>>): string {
  const packageName = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'app';
  return `${JSON.stringify({ name: packageName, private: true, type: 'module', scripts }, null, 2)}\n`;
}
