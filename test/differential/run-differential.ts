import { join } from 'node:path';
import { expect } from 'vitest';
import { generate, OperationError, type GenerateResult } from 'drizzle-sections';
import { exactPattern } from '../../src/model/table-pattern.js';
import type { TempProject } from '../helpers/temp-project.js';
import { initialModel, randomEdit, seededRandom, type Edit } from './edits.js';
import { drizzleKitStatements, kyselyCodegen, migratedDatabase, refusal } from './reference.js';
import { projectFiles, schemaFile, type SchemaModel } from './schema-model.js';

export interface StepOutcome {
  readonly step: number;
  readonly description: string;
  readonly outcome: 'migration' | 'no migration' | 'refused';
}

const BREAKPOINT = '--> statement-breakpoint\n';

/**
 * Runs `steps` seeded edits of a real-shaped project, `generate` after each, and compares every
 * step with the upstream tools from a clean database: the migration it wrote is drizzle-kit's,
 * drizzle's migrator applies the folder, and kysely-codegen's CLI writes each section's types
 * byte for byte; a step it refuses, PostgreSQL refuses too. A mismatch names its seed and step.
 */
export async function runDifferential(project: TempProject, seed: number, steps: number): Promise<StepOutcome[]> {
  const random = seededRandom(seed);
  let counter = 0;
  // `_n1`, not `_1`: a digit right after an underscore does not survive Kysely's CamelCasePlugin, which generate refuses.
  const name = (prefix: string) => `${prefix}_n${(counter += 1)}`;
  const outcomes: StepOutcome[] = [];
  let model = initialModel();
  const write = (next: SchemaModel) => {
    for (const [file, content] of Object.entries(projectFiles(next))) project.write(file, content);
  };

  write(model);
  const first = await generate({ cwd: project.dir });
  await expectUpstreamAgrees(project, model, first, `seed ${seed} step 0: the initial project`);
  outcomes.push({ step: 0, description: 'the initial project', outcome: 'migration' });

  for (let step = 1; step <= steps; step += 1) {
    const edit: Edit = randomEdit(model, random, name);
    const label = `seed ${seed} step ${step}: ${edit.description}`;
    write(edit.model);
    const schemaFiles = edit.model.sections.map(schemaFile);
    // drizzle-kit's API cannot rename without asking: rename steps are compared by their outcome only.
    const expected = edit.renames ? undefined : await drizzleKitStatements(project.dir, schemaFiles);
    let result: GenerateResult;
    try {
      result = await generate({ cwd: project.dir, renames: edit.renames ?? [], noRename: edit.noRename ?? false });
    } catch (error) {
      if (!(error instanceof OperationError) || !/PostgreSQL refuses|fails on a fresh database/.test(error.message)) {
        throw new Error(`${label}: generate failed: ${(error as Error).message}\n${(error as OperationError).details?.join('\n') ?? ''}`);
      }
      if (expected) {
        const database = await migratedDatabase(project.dir);
        try {
          expect(await refusal(database, expected), `${label}: generate refused it (${error.message}), yet PostgreSQL applies drizzle-kit's SQL`).toBeDefined();
        } finally {
          await database.drop();
        }
      }
      outcomes.push({ step, description: edit.description, outcome: 'refused' });
      write(model);
      continue;
    }
    if (expected) {
      const written = result.migration ? project.read(join('db/migrations', `${result.migration.tag}.sql`)) : '';
      expect(written, `${label}: the migration is not drizzle-kit's`).toBe(expected.join(BREAKPOINT));
    }
    await expectUpstreamAgrees(project, edit.model, result, label);
    outcomes.push({ step, description: edit.description, outcome: result.migration ? 'migration' : 'no migration' });
    model = edit.model;
  }
  return outcomes;
}

/** drizzle's migrator applies the folder to a clean database, and kysely-codegen writes our types from it. */
async function expectUpstreamAgrees(project: TempProject, model: SchemaModel, result: GenerateResult, label: string): Promise<void> {
  const database = await migratedDatabase(project.dir).catch((error: unknown) => {
    throw new Error(`${label}: generate wrote a folder drizzle's migrator cannot apply to a clean database: ${(error as Error).message}`);
  });
  try {
    for (const section of result.sections) {
      const tables = model.tables.filter((table) => table.section === section.name).map((table) => ({ schema: table.schema ?? 'public', name: table.name }));
      const upstream = await kyselyCodegen(database, exactPattern(tables), project.path(`.reference-${section.name}.ts`));
      const ours = project.read(`db/${section.name}/types.ts`);
      expect(ours.slice(ours.indexOf('\n') + 1), `${label}: section "${section.name}"'s types differ from kysely-codegen's`).toBe(upstream);
    }
  } finally {
    await database.drop();
  }
}
