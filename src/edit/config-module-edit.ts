import { basename } from 'node:path';
import { Node } from 'ts-morph';
import { UserError } from '../errors.js';
import { quote } from './column-default.js';
import { appendToList, applyEdits, defaultExportObject, objectShape, parseSource, propertyInitializer } from './source-text.js';

/** A section's entry in the config, paths as written there (relative to the config file). */
export interface SectionEntry {
  readonly schema: string;
  readonly types: string;
}

/**
 * The config's text with `<name>: { schema, types }` added to its `sections` object. A module
 * config is edited in place (every other byte kept); a JSON config is re-serialised with its indent.
 */
export function addSectionToConfig(text: string, shownAs: string, name: string, entry: SectionEntry): string {
  if (shownAs.endsWith('.json')) return addSectionToJson(text, name, entry);
  const source = parseSource(text, basename(shownAs));
  const config = defaultExportObject(source);
  const sections = config && propertyInitializer(config, 'sections');
  if (!sections || !Node.isObjectLiteralExpression(sections)) {
    throw new UserError(`${shownAs}: cannot find the \`sections: { ... }\` object of its default export; add \`${name}: { schema: '${entry.schema}', types: '${entry.types}' }\` by hand`);
  }
  const item = `${name}: { schema: ${quote(entry.schema)}, types: ${quote(entry.types)} }`;
  return applyEdits(text, [appendToList(text, objectShape(sections), [item])]);
}

function addSectionToJson(text: string, name: string, entry: SectionEntry): string {
  const config = JSON.parse(text) as { sections: Record<string, SectionEntry> };
  config.sections[name] = entry;
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  return `${JSON.stringify(config, null, indent)}${text.endsWith('\n') ? '\n' : ''}`;
}

/**
 * drizzle.config's text with one more schema file in its `schema` (an array, or a single string
 * that becomes one), so drizzle-kit's own commands keep seeing every section; undefined when the
 * file is shaped in a way we do not recognise.
 */
export function addSchemaToDrizzleConfig(text: string, fileName: string, schemaPath: string): string | undefined {
  const source = parseSource(text, basename(fileName));
  const config = defaultExportObject(source);
  const schema = config && propertyInitializer(config, 'schema');
  if (schema && Node.isArrayLiteralExpression(schema)) {
    const items = schema.getElements().map((element) => ({ start: element.getStart(), end: element.getEnd() }));
    return applyEdits(text, [appendToList(text, { open: schema.getStart(), items }, [quote(schemaPath)])]);
  }
  if (schema && Node.isStringLiteral(schema)) {
    return applyEdits(text, [
      { pos: schema.getStart(), text: '[' },
      { pos: schema.getEnd(), text: `, ${quote(schemaPath)}]` },
    ]);
  }
  return undefined;
}
