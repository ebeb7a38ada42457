import { Node, Project, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';

/** An insertion into a file's text; every byte outside it stays as it was. */
export interface TextEdit {
  readonly pos: number;
  readonly text: string;
}

/**
 * Parses a module for reading positions only. Edits are text insertions at those positions rather
 * than ts-morph manipulations, which reformat the surrounding code.
 */
export function parseSource(text: string, fileName: string): SourceFile {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  return project.createSourceFile(fileName, text);
}

/** Applies insertions; several at one position keep their order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.pos - a.edit.pos || b.index - a.index);
  return ordered.reduce((result, { edit }) => result.slice(0, edit.pos) + edit.text + result.slice(edit.pos), text);
}

export interface ListShape {
  /** Position of the opening `{` or `[`. */
  readonly open: number;
  readonly items: readonly { readonly start: number; readonly end: number }[];
}

/**
 * Appends items to a comma-separated list (object literal, array, import braces) in its own layout:
 * one per line with the last item's indentation and trailing comma if it has them, else inline.
 */
export function appendToList(text: string, list: ListShape, newItems: readonly string[]): TextEdit {
  const last = list.items.at(-1);
  if (!last) return { pos: list.open + 1, text: ` ${newItems.join(', ')} ` };
  const multiline = text.slice(list.open, last.start).includes('\n');
  if (!multiline) return { pos: last.end, text: newItems.map((item) => `, ${item}`).join('') };
  const lineStart = text.lastIndexOf('\n', last.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const body = newItems.map((item) => `\n${indent}${item}`).join(',');
  const comma = /^\s*,/.exec(text.slice(last.end));
  if (!comma) return { pos: last.end, text: `,${body}` };
  const afterComma = last.end + comma[0].length;
  // A comment closing the last item's line stays with that item.
  const lineComment = /^[ \t]*\/\/[^\n]*/.exec(text.slice(afterComma));
  return { pos: afterComma + (lineComment?.[0].length ?? 0), text: `${body},` };
}

export function objectShape(object: ObjectLiteralExpression): ListShape {
  return { open: object.getStart(), items: object.getProperties().map((property) => ({ start: property.getStart(), end: property.getEnd() })) };
}

/**
 * The object a config module exports by default: `export default {...}`, `defineConfig({...})`,
 * `{...} satisfies X`, `{...} as X`, or `export default config` with `const config = {...}`.
 */
export function defaultExportObject(source: SourceFile): ObjectLiteralExpression | undefined {
  const assignment = source.getExportAssignment((candidate) => !candidate.isExportEquals());
  let node: Node | undefined = assignment?.getExpression();
  for (let depth = 0; node && depth < 8; depth += 1) {
    if (Node.isObjectLiteralExpression(node)) return node;
    if (Node.isCallExpression(node)) node = node.getArguments()[0];
    else if (Node.isSatisfiesExpression(node) || Node.isAsExpression(node) || Node.isParenthesizedExpression(node)) node = node.getExpression();
    else if (Node.isIdentifier(node)) node = source.getVariableDeclaration(node.getText())?.getInitializer();
    else return undefined;
  }
  return undefined;
}

/** The initializer of `key: ...` in an object literal, quoted key or not. */
export function propertyInitializer(object: ObjectLiteralExpression, key: string): Node | undefined {
  const property = object.getProperties().find((candidate) => Node.isPropertyAssignment(candidate) && candidate.getNameNode().getText().replace(/^['"]|['"]$/g, '') === key);
  return property && Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
}
