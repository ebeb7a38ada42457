import { describe, expect, it } from 'vitest';
import type { ResolvedSection } from '../../src/config/resolved-config.js';
import { findCamelCaseProblem } from '../../src/model/camel-case-round-trip.js';
import type { TableModel } from '../../src/model/project-model.js';

const section = (camelCase: boolean) => ({ name: 'shop', codegen: { camelCase, typeOnlyImports: true } }) as unknown as ResolvedSection;
const column = (name: string) => ({ name, sqlType: 'text', notNull: true, hasDefault: false, primaryKey: false, unique: false });
const table = (name: string, columns: string[], schema = 'public'): TableModel => ({
  name,
  schema,
  exportName: name,
  section: 'shop',
  columns: columns.map(column),
  primaryKey: [],
  foreignKeys: [],
});

describe("names through Kysely's CamelCasePlugin", () => {
  it('accepts snake_case names, which map to camelCase keys and back', () => {
    expect(findCamelCaseProblem(section(true), [table('order_line', ['id', 'public_id', 'created_at']), table('note', ['body'], 'crm_data')])).toBeUndefined();
  });

  it('refuses a digit after an underscore (line_1 would be queried as line1), naming the fix', () => {
    expect(findCamelCaseProblem(section(true), [table('address', ['id', 'line_1', 'line_2'])])).toBe(
      'section "shop": column "address"."line_1" does not survive Kysely\'s CamelCasePlugin (its key line1 would query "line1") (and 1 more name); ' +
        'set `codegen: { camelCase: false }` on section "shop" (its types then use the names as they are, with no plugin), or rename it in snake_case',
    );
  });

  it('refuses camelCase columns and PascalCase tables and schemas', () => {
    expect(findCamelCaseProblem(section(true), [table('post', ['authorId'])])).toContain('column "post"."authorId" does not survive');
    expect(findCamelCaseProblem(section(true), [table('Post', ['id'])])).toContain('table "Post" does not survive');
    expect(findCamelCaseProblem(section(true), [table('post', ['id'], 'Blog')])).toContain('schema "Blog" does not survive');
  });

  it('has nothing to say when the section does not use camelCase', () => {
    expect(findCamelCaseProblem(section(false), [table('Post', ['authorId'])])).toBeUndefined();
  });
});
