import { UserError } from '../errors.js';

export const SECTIONS_SCRIPTS: Readonly<Record<string, string>> = {
  'db:generate': 'sections generate',
  'db:migrate': 'sections migrate',
  'db:check': 'sections check',
};

/** What `init` did about the package's module type: the scaffolds are ES modules. */
export type ModuleType = 'set-to-module' | 'module' | 'commonjs';

export interface PackageJsonEdit {
  readonly text: string;
  readonly moduleType: ModuleType;
}

/**
 * package.json with our scripts added and `"type": "module"` when it names no type, re-serialised
 * with its own indent and final newline. A script of the same name with another command is
 * refused rather than replaced; an explicit `"type": "commonjs"` is left for the user to change.
 */
export function editPackageJson(text: string, shownAs: string, scripts: Readonly<Record<string, string>>): PackageJsonEdit {
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
  const moduleType: ModuleType = manifest.type === undefined ? 'set-to-module' : manifest.type === 'module' ? 'module' : 'commonjs';
  const edited = { ...manifest, ...(moduleType === 'set-to-module' ? { type: 'module' } : {}), scripts: { ...existing, ...scripts } };
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  return { text: `${JSON.stringify(edited, null, indent)}${text.endsWith('\n') ? '\n' : ''}`, moduleType };
}

/** A package.json for a project that has none. */
export function newPackageJson(name: string, scripts: Readonly<Record<string, string>>): string {
  const packageName = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'app';
  return `${JSON.stringify({ name: packageName, private: true, type: 'module', scripts }, null, 2)}\n`;
}
