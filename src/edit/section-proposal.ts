import { basename, extname } from 'node:path';
import { sectionNameProblem } from '../model/name-rules.js';
import type { SchemaExport, SchemaInventory } from './drizzle-schema-inventory.js';
import { clusterByForeignKeys, type ForeignKeyEdge } from './foreign-key-clusters.js';

/** A section `init --from-drizzle` proposes: its tables, and the drizzle objects its schema exports. */
export interface ProposedSection {
  readonly name: string;
  /** `schema.name` keys, sorted. */
  readonly tables: readonly string[];
  readonly exports: readonly SchemaExport[];
  /**
   * The schema module it can point at as it is: set when its objects are exactly those one
   * existing module exports. Otherwise a module re-exporting them is written for it.
   */
  readonly existingModule: string | undefined;
}

export interface SectionProposal {
  readonly sections: readonly ProposedSection[];
  /** Foreign keys from a table of one section to a table of another. */
  readonly crossSectionForeignKeys: readonly ForeignKeyEdge[];
}

/** How tables are grouped: one section per schema module, or by clustering the foreign keys. */
export type SplitRequest = { readonly kind: 'per-file' } | { readonly kind: 'clusters'; readonly count: number | undefined };

/**
 * Groups a drizzle project's tables into sections. Every drizzle object lands in exactly one
 * section: a table where the split puts it, its relations with it, an enum with most of the
 * tables using it, anything else (schemas, sequences, views, roles) with most of its module's tables.
 */
export function proposeSections(inventory: SchemaInventory, split: SplitRequest): SectionProposal {
  const edges: ForeignKeyEdge[] = inventory.tables.flatMap((table) => table.references.map((to) => ({ from: table.key, to })));
  const groups = split.kind === 'per-file' ? groupByFile(inventory) : clusterByForeignKeys(inventory.tables.map((table) => table.key), edges, split.count);
  const sectionOf = new Map<string, number>();
  groups.forEach((group, index) => group.forEach((table) => sectionOf.set(table, index)));

  const byFile = (file: string) => inventory.tables.filter((table) => table.file === file).map((table) => table.key);
  const placed: SchemaExport[][] = groups.map(() => []);
  for (const entry of inventory.exports) {
    const anchors = entry.table !== undefined ? [entry.table] : entry.kind === 'enum' && entry.usedBy.length > 0 ? entry.usedBy : byFile(entry.file);
    placed[mostCommon(anchors.map((table) => sectionOf.get(table) ?? 0))]!.push(entry);
  }

  const taken = new Set<string>();
  const sections = groups.map((group, index) => {
    const exports = placed[index]!;
    const files = new Set(exports.map((entry) => entry.file));
    const [only] = files;
    const existingModule = files.size === 1 && sameNames(inventory.files.get(only!) ?? [], exports.map((entry) => entry.exportName)) ? only : undefined;
    const stem = split.kind === 'per-file' && only !== undefined ? basename(only, extname(only)) : undefined;
    const name = uniqueName(nameCandidates(stem, dominantTable(group, edges)), taken);
    taken.add(name);
    return { name, tables: [...group].sort(), exports, existingModule };
  });
  const crossSectionForeignKeys = edges.filter((edge) => edge.from !== edge.to && sectionOf.get(edge.from) !== sectionOf.get(edge.to));
  return { sections, crossSectionForeignKeys };
}

function groupByFile(inventory: SchemaInventory): string[][] {
  const groups = new Map<string, string[]>();
  for (const table of inventory.tables) groups.set(table.file, [...(groups.get(table.file) ?? []), table.key]);
  return [...groups.keys()].sort().map((file) => groups.get(file)!);
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** The table the others hang on: the most referenced, then the one most keys touch, then the first by name. */
function dominantTable(group: readonly string[], edges: readonly ForeignKeyEdge[]): string {
  const crossing = edges.filter((edge) => edge.from !== edge.to);
  const referenced = (table: string) => crossing.filter((edge) => edge.to === table).length;
  const degree = (table: string) => crossing.filter((edge) => edge.from === table || edge.to === table).length;
  return [...group].sort((a, b) => referenced(b) - referenced(a) || degree(b) - degree(a) || (a < b ? -1 : 1))[0]!;
}

/** Module names that say nothing about their tables. */
const GENERIC_STEMS = new Set(['index', 'schema', 'schemas', 'tables', 'db', 'models', 'model']);

/**
 * Section names to try, best first: from the module's file name (per-file), else from the
 * dominant table: its first word (`VendorProfile`, `vendor_profile` → `vendor`), then all of it.
 */
function nameCandidates(stem: string | undefined, table: string): string[] {
  const fromStem = stem !== undefined && !GENERIC_STEMS.has(stem.toLowerCase()) ? words(stem) : [];
  const fromTable = words(table.slice(table.indexOf('.') + 1));
  const candidates = fromStem.length > 0 ? [camel(fromStem)] : [];
  if (fromTable.length > 0) candidates.push(fromTable[0]!, camel(fromTable));
  return candidates.length > 0 ? candidates : ['section'];
}

/**
 * The first candidate that is a valid section name and not taken. A name the rules refuse is
 * adapted rather than dropped (`pool` → `poolSection`, `2fa` → `section2fa`), and a taken one gets a number.
 */
function uniqueName(candidates: readonly string[], taken: ReadonlySet<string>): string {
  const valid = candidates.map(validName);
  const free = valid.find((candidate) => !taken.has(candidate));
  if (free) return free;
  const base = valid[valid.length - 1]!;
  for (let suffix = 2; ; suffix += 1) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}

function validName(candidate: string): string {
  const lettered = /^[a-z]/.test(candidate) ? candidate : `section${candidate}`;
  return sectionNameProblem(lettered) === undefined ? lettered : `${lettered}Section`;
}

/** `UserProfile`, `user_profile`, `user-profiles` → lowercase words. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

function camel(parts: readonly string[]): string {
  return parts.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
}
