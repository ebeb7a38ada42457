import micromatch from 'micromatch';

/** A table as kysely-codegen's TableMatcher sees it. */
export interface PatternSubject {
  readonly schema: string;
  readonly name: string;
}

/**
 * The example's config writes `customer_*|shopping_*|wishlist*`, which micromatch (and so kysely-codegen)
 * matches against nothing. A `|` outside any group can only mean alternation, so we make it one.
 */
export function normalizePattern(pattern: string): string {
  let depth = 0;
  for (const char of pattern) {
    if (char === '(' || char === '[' || char === '{') depth += 1;
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
    else if (char === '|' && depth === 0) return `@(${pattern})`;
  }
  return pattern;
}

/**
 * The exact pattern for a list of tables: what a section gets when its config gives none. An
 * unqualified name matches that name in every schema (kysely-codegen's rule), so once any table of
 * the project lies outside public, every derived pattern names schemas: `@(public.item)` does not
 * take `sx.item` of another section.
 */
export function exactPattern(tables: readonly PatternSubject[], everyTable: readonly PatternSubject[] = tables): string {
  const qualified = everyTable.some((table) => table.schema !== 'public');
  const names = [...new Set(tables.map((table) => (qualified ? `${table.schema}.${table.name}` : table.name)))].sort();
  return names.length === 1 ? names[0]! : `@(${names.join('|')})`;
}

/** kysely-codegen's matching rule, so what we validate is what it will generate. */
export function createTableMatcher(pattern: string): (table: PatternSubject) => boolean {
  const isMatch = micromatch.matcher(pattern, { nocase: true });
  const qualified = pattern.includes('.');
  return (table) => isMatch(qualified ? `${table.schema}.${table.name}` : table.name);
}

/** Tables selected by an include pattern minus an exclude pattern. */
export function selectTables<T extends PatternSubject>(tables: readonly T[], include: string, exclude: string | undefined): T[] {
  const included = createTableMatcher(include);
  const excluded = exclude ? createTableMatcher(exclude) : () => false;
  return tables.filter((table) => included(table) && !excluded(table));
}
