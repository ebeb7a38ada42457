import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drizzleKitApi } from '../commonjs-packages.js';
import { UserError } from '../errors.js';
import { ownerOf, type ProjectModel } from '../model/project-model.js';
import type { PlannedFile } from '../planned-file.js';
import type { Journal, JournalEntry, MigrationFolder } from './migration-folder.js';
import { snapshotPath } from './migration-folder.js';
import { applyRenames, findRenameQuestions, RenameQuestionsError, withoutRemoved, type RenameAnswers, type RenameSpec } from './renames.js';
import { changedTables, emptySnapshot, type PgSnapshot } from './snapshot.js';

export interface PlanMigrationOptions {
  readonly model: ProjectModel;
  readonly folder: MigrationFolder;
  /** The folder's last snapshot (`latestSnapshot`), which the schemas are diffed from. */
  readonly previous: PgSnapshot;
  /** `--name`; otherwise named after the sections the change touches. */
  readonly name?: string | undefined;
  readonly renames: readonly RenameSpec[];
  /** A prompt's answers: renames applied where they still fit, and what appeared as new. */
  readonly answers: RenameAnswers;
  /** `--no-rename`: removed-and-added means drop and create. */
  readonly acceptDropAndCreate: boolean;
  /** Milliseconds since the epoch, for the journal's `when`. */
  readonly now: number;
}

export interface PlannedMigration {
  readonly tag: string;
  readonly sql: string;
  readonly statements: readonly string[];
  /** The sections whose tables or enums the migration changes. */
  readonly sections: readonly string[];
  /** The tables and enums it changes. */
  readonly changed: readonly string[];
  /** What the schemas declare after it: the snapshot written beside it. */
  readonly snapshot: PgSnapshot;
  /** The `.sql`, the snapshot, and the updated journal: drizzle-kit's exact layout. */
  readonly files: readonly PlannedFile[];
}

/** What drizzle-kit writes between a migration's statements. */
export const BREAKPOINT = '--> statement-breakpoint\n';

/** The snapshot of what the schemas declare now, shaped as drizzle-kit's `generate` writes it. */
export async function currentSnapshot(model: ProjectModel, previousId: string): Promise<PgSnapshot> {
  const { generateDrizzleJson } = drizzleKitApi();
  const { id: _id, prevId: _prevId, _meta: _ignored, ...serialized } = generateDrizzleJson(
    { ...model.drizzleExports },
    previousId,
    undefined,
    model.config.drizzleCasing,
  ) as unknown as PgSnapshot;
  refuseBigIntValues(serialized);
  // As plain JSON, the way it is written and read back: no keys holding `undefined`.
  return JSON.parse(JSON.stringify({ id: randomUUID(), prevId: previousId, ...serialized, _meta: { columns: {}, schemas: {}, tables: {} } })) as PgSnapshot;
}

/**
 * drizzle-kit keeps a default given as a BigInt (`.default(10n)`) in its snapshot, then crashes
 * writing it as JSON: said here, naming the column, with the form that works.
 */
function refuseBigIntValues(snapshot: Pick<PgSnapshot, 'tables'>): void {
  for (const table of Object.values(snapshot.tables)) {
    for (const column of Object.values(table.columns)) {
      for (const [field, value] of Object.entries(column)) {
        if (typeof value !== 'bigint') continue;
        const name = `${table.schema ? `${table.schema}.` : ''}${table.name}.${column.name}`;
        throw new UserError(`column ${name}: its ${field} is a BigInt (${value}n), which drizzle-kit cannot write into its snapshot; give it as sql\`${value}\` (or a number)`);
      }
    }
  }
}

export async function latestSnapshot(folder: MigrationFolder): Promise<PgSnapshot> {
  const last = folder.migrations.at(-1);
  if (!last) return emptySnapshot();
  if (!existsSync(last.snapshotFile)) {
    throw new UserError(`${last.snapshotFile}: the snapshot of migration "${last.entry.tag}" is missing; drizzle-kit and sections need it to diff the schemas`);
  }
  try {
    return JSON.parse(await readFile(last.snapshotFile, 'utf8')) as PgSnapshot;
  } catch (error) {
    throw new UserError(`${last.snapshotFile}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Diffs the schemas against the last snapshot with drizzle-kit's own differ and lays the result
 * out as drizzle-kit would, so `drizzle-kit migrate`/`check` and drizzle-orm's migrator accept
 * the folder unchanged. `undefined` when nothing changed.
 */
export async function planMigration(options: PlanMigrationOptions): Promise<PlannedMigration | undefined> {
  const { previous } = options;
  const current = await currentSnapshot(options.model, previous.id);
  const renamed = applyRenames(previous, current, options.renames, options.answers.renames);
  const open = findRenameQuestions(renamed.previous, current, options.answers.created);
  if (open.length > 0 && !options.acceptDropAndCreate) throw new RenameQuestionsError(open);
  // drizzle-kit's differ would still prompt where the answer was "created": it goes in two steps then.
  const questions = options.answers.created.length > 0 ? findRenameQuestions(renamed.previous, current) : open;

  const { generateMigration } = drizzleKitApi();
  const diff = (from: PgSnapshot, to: PgSnapshot) => generateMigration(from as never, to as never);
  let diffStatements: string[];
  if (questions.length === 0) {
    diffStatements = await diff(renamed.previous, current);
  } else {
    const dropped = withoutRemoved(renamed.previous, current);
    diffStatements = [...(await diff(renamed.previous, dropped)), ...(await diff(dropped, current))];
  }
  const statements = [...renamed.statements, ...diffStatements];
  if (statements.length === 0) return undefined;

  const { sections, changed } = describeChange(options.model, renamed.previous, current, renamed.applied);
  return layOutMigration(options.folder, {
    name: options.name ?? defaultName(nextIndex(options.folder), sections),
    snapshot: current,
    statements,
    sql: statements.join(BREAKPOINT),
    sections,
    changed,
    now: options.now,
  });
}

/** The journal index the next migration takes. */
export function nextIndex(folder: Pick<MigrationFolder, 'journal'>): number {
  return (folder.journal.entries.at(-1)?.idx ?? -1) + 1;
}

/**
 * A new migration as drizzle-kit lays it out, so `drizzle-kit migrate`/`check` and drizzle-orm's
 * migrator accept the folder unchanged: `<tag>.sql`, its snapshot, and the journal with its entry,
 * the tag being the next index and the `name` (`0004_vendor`).
 */
export function layOutMigration(
  folder: Pick<MigrationFolder, 'dir' | 'journal' | 'journalFile'>,
  migration: Omit<PlannedMigration, 'files' | 'tag'> & { readonly name: string; readonly now: number },
): PlannedMigration {
  const { now, name, ...rest } = migration;
  const idx = nextIndex(folder);
  const planned = { ...rest, tag: `${String(idx).padStart(4, '0')}_${name}` };
  const { snapshot } = planned;
  const entry: JournalEntry = { idx, version: snapshot.version, when: now, tag: planned.tag, breakpoints: true };
  const nextJournal: Journal = { ...folder.journal, entries: [...folder.journal.entries, entry] };
  return {
    ...planned,
    files: [
      { path: join(folder.dir, `${planned.tag}.sql`), content: planned.sql, ownership: 'generated', kind: 'migration' },
      { path: snapshotPath(folder.dir, planned.tag), content: JSON.stringify(snapshot, null, 2), ownership: 'generated', kind: 'snapshot' },
      { path: folder.journalFile, content: JSON.stringify(nextJournal, null, 2), ownership: 'generated', kind: 'journal' },
    ],
  };
}

function describeChange(
  model: ProjectModel,
  previous: PgSnapshot,
  current: PgSnapshot,
  renames: readonly RenameSpec[],
): { sections: string[]; changed: string[] } {
  const sections = new Set<string>();
  const changed: string[] = [];
  for (const rename of renames) {
    const table = rename.kind === 'table' ? rename.to : rename.table;
    sections.add(ownerOf(model, table)?.name ?? 'dropped');
    changed.push(table);
  }
  const owner = (name: string, schema: string) =>
    model.sections.find((section) => section.tables.some((table) => table.name === name && (table.schema === (schema || 'public'))))?.name;
  const enumOwner = (name: string) => model.sections.find((section) => section.enums.some((candidate) => candidate.name === name))?.name;
  for (const { from, to } of changedTables(previous, current)) {
    const table = to ?? from!;
    sections.add(owner(table.name, table.schema) ?? 'dropped');
    changed.push(table.name);
  }
  for (const key of new Set([...Object.keys(previous.enums), ...Object.keys(current.enums)])) {
    if (isDeepStrictEqual(previous.enums[key], current.enums[key])) continue;
    const name = (current.enums[key] ?? previous.enums[key])!.name;
    sections.add(enumOwner(name) ?? 'dropped');
    changed.push(`enum ${name}`);
  }
  return { sections: [...sections].sort(), changed: [...new Set(changed)] };
}

/** Named after what it touches, so the folder reads as a history: `0000_init`, `0004_vendor`. */
function defaultName(idx: number, sections: readonly string[]): string {
  if (idx === 0) return 'init';
  return sections.length > 0 ? sections.join('_').slice(0, 60) : 'change';
}
