import { dirname, relative, sep } from 'node:path';
import { isInside } from '../config/config-paths.js';
import { PACKAGE_NAME } from '../package-name.js';
import type { DrizzleProjectConfig } from './drizzle-project-config.js';
import { configRelative } from './project-paths.js';
import type { ProposedSection } from './section-proposal.js';

/** Where an adopted section's files go, absolute. */
export interface AdoptedSection {
  readonly section: ProposedSection;
  /** The section's schema module: the existing one, or the re-exporting one written for it. */
  readonly schema: string;
  /** Set when sections writes the schema module: its text. */
  readonly schemaText: string | undefined;
  readonly types: string;
  /** Whether its types and connection use camelCase names (Kysely's CamelCasePlugin). */
  readonly camelCase: boolean;
}

export interface AdoptedLayout {
  readonly sections: readonly AdoptedSection[];
  readonly connections: string;
  readonly configText: string;
}

/**
 * Where `init --from-drizzle` puts what it writes: beside the schema modules' folder, never in it
 * (drizzle-kit reads every module there). With `src/db/schema/*.ts`, the database folder is
 * `src/db`: `sections/<name>/kysely-types.ts` (and `drizzle-schema.ts` for a section made of
 * several modules' tables) and `connections/`. The migrations folder and the modules stay as they are.
 */
export function adoptedLayout(rootDir: string, drizzle: DrizzleProjectConfig, sections: readonly ProposedSection[], withoutCamelCase: ReadonlySet<string>): AdoptedLayout {
  const databaseDir = databaseDirOf(rootDir, drizzle.schemaFiles);
  const folder = (name: string) => `${databaseDir}${sep}sections${sep}${name}`;
  const adopted = sections.map((section): AdoptedSection => {
    const schema = section.existingModule ?? `${folder(section.name)}${sep}drizzle-schema.ts`;
    return {
      section,
      schema,
      schemaText: section.existingModule === undefined ? reExportingModule(section, schema, relative(rootDir, drizzle.file)) : undefined,
      types: `${folder(section.name)}${sep}kysely-types.ts`,
      camelCase: !withoutCamelCase.has(section.name),
    };
  });
  const connections = `${databaseDir}${sep}connections`;
  return { sections: adopted, connections, configText: configText(rootDir, drizzle, adopted, connections) };
}

/** The schema modules' common folder's parent (the folder itself for a single module), inside the project. */
function databaseDirOf(rootDir: string, schemaFiles: readonly string[]): string {
  const folders = schemaFiles.map((file) => dirname(file));
  let common = folders[0] ?? rootDir;
  while (!folders.every((folder) => isInside(common, folder))) common = dirname(common);
  const candidate = schemaFiles.length > 1 ? dirname(common) : common;
  return isInside(rootDir, candidate) ? candidate : rootDir;
}

function reExportingModule(section: ProposedSection, moduleFile: string, drizzleConfig: string): string {
  const byFile = new Map<string, string[]>();
  for (const entry of section.exports) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), entry.exportName]);
  const used = new Set<string>();
  const lines = [...byFile.keys()].sort().map((file) => {
    const names = byFile.get(file)!.sort().map((name) => {
      // Two modules may both export a `relations` or `users`: the second is renamed here only.
      let alias = name;
      for (let suffix = 2; used.has(alias); suffix += 1) alias = `${name}${suffix}`;
      used.add(alias);
      return alias === name ? name : `${name} as ${alias}`;
    });
    return `export { ${names.join(', ')} } from '${moduleSpecifier(dirname(moduleFile), file)}';`;
  });
  return `// Section "${section.name}": the drizzle objects it owns, re-exported from the modules ${drizzleConfig} reads, which stay where they are.\n${lines.join('\n')}\n`;
}

/** `./x.js` for `x.ts`: the specifier TypeScript's NodeNext resolution and jiti both accept. */
function moduleSpecifier(fromDir: string, file: string): string {
  const path = relative(fromDir, file).split(sep).join('/');
  const withJs = path.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
  return withJs.startsWith('.') ? withJs : `./${withJs}`;
}

function configText(rootDir: string, drizzle: DrizzleProjectConfig, sections: readonly AdoptedSection[], connections: string): string {
  const at = (path: string) => `'${configRelative(rootDir, path)}'`;
  // Names such as `User` or `userId` would not survive Kysely's CamelCasePlugin: those sections keep them as they are.
  const codegen = (entry: AdoptedSection) => (entry.camelCase ? '' : `      codegen: { camelCase: false },\n`);
  const entries = sections.map((entry) => `    ${entry.section.name}: {\n      schema: ${at(entry.schema)},\n      types: ${at(entry.types)},\n${codegen(entry)}    },`);
  const casing = drizzle.casing ? `  drizzle: { casing: '${drizzle.casing}' },\n` : '';
  return `import type { SectionsConfig } from '${PACKAGE_NAME}';

// Adopted from ${configRelative(rootDir, drizzle.file)} by \`sections init --from-drizzle\`: the schema modules and the migrations stay where they are.
export default {
  migrations: ${at(drizzle.out)},
${casing}  connections: ${at(connections)},
  sections: {
${entries.join('\n')}
  },
} satisfies SectionsConfig;
`;
}
