import { readFile } from 'node:fs/promises';
import type { ProjectModel } from '../model/project-model.js';
import type { PlannedFile } from '../planned-file.js';

export interface UnresolvedRelations {
  readonly section: string;
  /** The section's connection module, as it is on disk. */
  readonly file: string;
  readonly relations: readonly string[];
}

/**
 * A connection module is the user's once scaffolded, so one written before its section's schema
 * gained a relation into another section still hands drizzle that relation, and every query of its
 * table fails. A module that does not name such a relation (the scaffold names each one it leaves
 * out) is reported.
 */
export async function findUnresolvedRelations(model: ProjectModel, planned: readonly PlannedFile[]): Promise<UnresolvedRelations[]> {
  const found: UnresolvedRelations[] = [];
  for (const section of model.sections.filter((each) => each.foreignRelations.length > 0)) {
    const connection = planned.find((file) => file.kind === 'connection' && file.section === section.name);
    const text = connection && (await readFile(connection.path, 'utf8').catch(() => undefined));
    if (text === undefined || text === connection?.content) continue;
    const relations = section.foreignRelations.filter((name) => !namesIdentifier(text, name));
    if (relations.length > 0) found.push({ section: section.name, file: connection!.path, relations });
  }
  return found;
}

/**
 * Whether `text` holds the identifier `name` as a whole (`chatRelations`, not `chatRelationsOld`).
 * Identifiers may hold `$`, which a regular expression's word boundary does not count as a letter.
 */
export function namesIdentifier(text: string, name: string): boolean {
  const escaped = name.replace(/[$]/g, '\\$');
  return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).test(text);
}
