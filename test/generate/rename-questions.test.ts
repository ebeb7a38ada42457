import { describe, expect, it } from 'vitest';
import { generate, OperationError, RenameQuestionsError } from 'drizzle-sections';
import { runCli, SHARED_CACHE_DIR } from '../helpers/run-cli.js';
import { createTempProject } from '../helpers/temp-project.js';

const CONFIG = `export default { migrations: './db/migrations', features: './features', sections: { core: { schema: './db/schema.ts', types: './db/types.ts' } } };\n`;

/** A schema with one thing of each kind drizzle-kit asks about, each named by `names`. */
function schema(names: { view: string; sequence: string; schema: string; policy: string; role: string; enum: string }): string {
  return `import { sql } from 'drizzle-orm';
import { integer, pgEnum, pgPolicy, pgRole, pgSchema, pgSequence, pgTable, pgView, serial } from 'drizzle-orm/pg-core';
export const extra = pgSchema('${names.schema}');
export const mood = pgEnum('${names.enum}', ['calm']);
export const counter = pgSequence('${names.sequence}');
export const reader = pgRole('${names.role}');
export const item = pgTable('item', { id: serial('id').primaryKey(), amount: integer('amount') }, () => [pgPolicy('${names.policy}', { for: 'select', using: sql\`true\` })]);
export const itemView = pgView('${names.view}').as((qb) => qb.select().from(item));
`;
}

const BASE = { view: 'item_view', sequence: 'item_counter', schema: 'extra_a', policy: 'item_read', role: 'item_reader', enum: 'mood_a' };

describe('every rename question drizzle-kit can ask', () => {
  it.each([
    ['view', 'views: removed item_view; added item_list'],
    ['sequence', 'sequences: removed item_counter; added item_sequence'],
    ['schema', 'schemas: removed extra_a; added extra_b'],
    ['policy', 'policies of "item": removed item_read; added item_select'],
    ['role', 'roles: removed item_reader; added item_viewer'],
    ['enum', 'enums: removed mood_a; added mood_b'],
  ] as const)('swapping one %s for another is a clear exit 1, and --no-rename drops and creates it', async (kind, question) => {
    process.env.SECTIONS_CACHE_DIR = SHARED_CACHE_DIR;
    const project = createTempProject({ files: { 'sections.config.ts': CONFIG, 'db/schema.ts': schema(BASE) } });
    expect((await generate({ cwd: project.dir })).migration?.tag).toBe('0000_init');
    const swapped = { view: 'item_list', sequence: 'item_sequence', schema: 'extra_b', policy: 'item_select', role: 'item_viewer', enum: 'mood_b' };
    project.write('db/schema.ts', schema({ ...BASE, [kind]: swapped[kind] }));

    const error = await generate({ cwd: project.dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OperationError);
    expect((error as OperationError).message).toBe('the schema change is ambiguous: a rename or a drop and create? No migration was written.');
    expect((error as OperationError).details[0]).toBe(`${question} (sections writes a ${kind} rename as drop and create: --no-rename)`);

    const accepted = await generate({ cwd: project.dir, noRename: true });
    expect(accepted.migration?.tag).toMatch(/^0001_/);
    const sql = project.read(`db/migrations/${accepted.migration!.tag}.sql`);
    expect(sql).toMatch(/DROP/);
    expect(sql).toMatch(/CREATE|ALTER TYPE|ALTER POLICY/);
  });

  it('the questions come as data, and answers passed back are taken: a column said to be new is dropped and added', async () => {
    process.env.SECTIONS_CACHE_DIR = SHARED_CACHE_DIR;
    const table = (column: string) =>
      `import { integer, pgTable } from 'drizzle-orm/pg-core';\nexport const item = pgTable('item', { id: integer('id').primaryKey(), ${column}: integer('${column}') });\n`;
    const project = createTempProject({ files: { 'sections.config.ts': CONFIG, 'db/schema.ts': table('amount') } });
    await generate({ cwd: project.dir });
    project.write('db/schema.ts', table('total'));

    const error = await generate({ cwd: project.dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RenameQuestionsError);
    expect((error as RenameQuestionsError).questions).toEqual([{ kind: 'column', table: 'item', removed: ['amount'], added: ['total'] }]);
    expect(project.exists('db/migrations/0001_core.sql')).toBe(false);

    const answered = await generate({ cwd: project.dir, answers: { renames: [], created: [{ kind: 'column', table: 'item', name: 'total' }] } });
    const sql = project.read(`db/migrations/${answered.migration!.tag}.sql`);
    expect(sql).toContain('ALTER TABLE "item" DROP COLUMN "amount";');
    expect(sql).toContain('ALTER TABLE "item" ADD COLUMN "total" integer;');
  });

  it('--rename and --no-rename together are a usage error whichever comes first', async () => {
    const project = createTempProject({ files: { 'sections.config.ts': CONFIG, 'db/schema.ts': schema(BASE) } });
    for (const args of [['--rename', 'item.amount=total', '--no-rename'], ['--no-rename', '--rename', 'item.amount=total'], ['--no-rename', '--rename=item.amount=total']]) {
      const result = await runCli(['generate', ...args], { cwd: project.dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe('error --rename and --no-rename contradict each other: pick one');
      expect(project.exists('db/migrations')).toBe(false);
    }
  });
});
