import { basename } from 'node:path';
import { Node, type ImportDeclaration, type SourceFile } from 'ts-morph';
import { UserError } from '../errors.js';
import { quote } from './column-default.js';
import { renderTable, type ImportModule } from './render-table.js';
import { appendToList, applyEdits, parseSource, type TextEdit } from './source-text.js';
import type { TableDefinition } from './table-definition.js';

const MODULES: readonly ImportModule[] = ['drizzle-orm/pg-core', 'drizzle-orm'];

/**
 * The schema module's text with the table appended and the imports it needs merged into the
 * existing `drizzle-orm/pg-core` / `drizzle-orm` imports (or added after the last import). Every
 * other byte stays as it was.
 */
export function appendTableToSchema(text: string, shownAs: string, table: TableDefinition): string {
  const source = parseSource(text, basename(shownAs));
  const declared = topLevelNames(source);
  if (declared.has(table.exportName)) {
    throw new UserError(`${shownAs}: already declares "${table.exportName}", the export name of table "${table.name}"`);
  }

  const imports = new Map(MODULES.map((module) => [module, importsOf(source, module)]));
  const missing = new Map<ImportModule, string[]>(MODULES.map((module) => [module, []]));
  const code = renderTable(table, (module, name) => {
    const existing = imports.get(module)!;
    const local = existing.named.get(name);
    if (local) return local;
    if (existing.namespace) return `${existing.namespace}.${name}`;
    if (declared.has(name)) throw new UserError(`${shownAs}: declares its own "${name}", which the new table needs to import from '${module}'`);
    if (!missing.get(module)!.includes(name)) missing.get(module)!.push(name);
    return name;
  }, indentOf(text));

  const edits: TextEdit[] = [];
  const newDeclarations: string[] = [];
  for (const module of MODULES) {
    const names = missing.get(module)!;
    if (names.length === 0) continue;
    const target = imports.get(module)!.mergeInto;
    if (target) {
      const namedImports = target.getImportClause()!.getNamedBindings()!;
      edits.push(appendToList(text, { open: namedImports.getStart(), items: target.getNamedImports().map((named) => ({ start: named.getStart(), end: named.getEnd() })) }, names));
    } else {
      newDeclarations.push(`import { ${names.join(', ')} } from ${quote(module)};`);
    }
  }
  if (newDeclarations.length > 0) {
    const lastImport = source.getImportDeclarations().at(-1);
    const first = source.getStatements()[0];
    if (lastImport) edits.push({ pos: lastImport.getEnd(), text: newDeclarations.map((line) => `\n${line}`).join('') });
    else if (first) edits.push({ pos: first.getStart(), text: `${newDeclarations.join('\n')}\n\n` });
    else edits.push({ pos: text.length, text: `${text.length > 0 && !text.endsWith('\n') ? '\n' : ''}${newDeclarations.join('\n')}\n` });
  }
  const edited = applyEdits(text, edits);
  const separator = edited.trim() === '' ? '' : edited.endsWith('\n\n') ? '' : edited.endsWith('\n') ? '\n' : '\n\n';
  return `${edited}${separator}${code}`;
}

interface ModuleImports {
  /** Imported name → local name. */
  readonly named: Map<string, string>;
  readonly namespace: string | undefined;
  /** The value import with named bindings new names go into. */
  readonly mergeInto: ImportDeclaration | undefined;
}

function importsOf(source: SourceFile, module: string): ModuleImports {
  const named = new Map<string, string>();
  let namespace: string | undefined;
  let mergeInto: ImportDeclaration | undefined;
  for (const declaration of source.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() !== module || declaration.isTypeOnly()) continue;
    namespace ??= declaration.getNamespaceImport()?.getText();
    const bindings = declaration.getImportClause()?.getNamedBindings();
    if (bindings && Node.isNamedImports(bindings)) {
      mergeInto ??= declaration;
      for (const specifier of declaration.getNamedImports()) {
        if (specifier.isTypeOnly()) continue;
        named.set(specifier.getName(), specifier.getAliasNode()?.getText() ?? specifier.getName());
      }
    }
  }
  return { named, namespace, mergeInto };
}

function topLevelNames(source: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const declaration of source.getVariableDeclarations()) names.add(declaration.getName());
  for (const node of [...source.getFunctions(), ...source.getClasses(), ...source.getEnums()]) {
    const name = node.getName();
    if (name) names.add(name);
  }
  for (const declaration of source.getImportDeclarations()) {
    const clause = declaration.getImportClause();
    const defaultImport = clause?.getDefaultImport()?.getText();
    if (defaultImport) names.add(defaultImport);
    const namespace = declaration.getNamespaceImport()?.getText();
    if (namespace) names.add(namespace);
    for (const specifier of declaration.getNamedImports()) names.add(specifier.getAliasNode()?.getText() ?? specifier.getName());
  }
  return names;
}

/** The indentation of the file's first indented line, so a tab-indented file gets tabs. */
function indentOf(text: string): string {
  return /^([ \t]+)[^\s*]/m.exec(text)?.[1] ?? '  ';
}
