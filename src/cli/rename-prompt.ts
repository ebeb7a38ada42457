import type { Output } from './output.js';
import type { CreatedEntity, RenameAnswers, RenameQuestion, RenameSpec } from '../migrations/renames.js';

export interface Choice<Value> {
  readonly name: string;
  readonly value: Value;
}

/** Picks one of `choices` (a terminal list prompt); rejects when the user gives up (Ctrl-C). */
export type Choose = <Value>(message: string, choices: readonly Choice<Value>[]) => Promise<Value>;

/**
 * Asks every rename question the way drizzle-kit does, one appeared thing at a time: new, or
 * renamed from one that disappeared (each disappeared one can be picked once). Kinds sections
 * only writes as drop and create (enums, views, …) are confirmed as such.
 */
export async function askRenameQuestions(questions: readonly RenameQuestion[], choose: Choose): Promise<RenameAnswers> {
  const renames: RenameSpec[] = [];
  const created: CreatedEntity[] = [];
  const table = (question: RenameQuestion) => (question.table ? { table: question.table } : {});
  for (const question of questions) {
    if (question.kind !== 'table' && question.kind !== 'column') {
      const where = question.table ? `${question.kind} of "${question.table}"` : question.kind;
      await choose(`${where}: ${question.removed.join(', ')} disappeared and ${question.added.join(', ')} appeared (sections writes no ${question.kind} renames)`, [
        { name: `drop ${question.removed.join(', ')} and create ${question.added.join(', ')}`, value: 'drop' },
      ]);
      created.push(...question.added.map((name) => ({ kind: question.kind, ...table(question), name })));
      continue;
    }
    const remaining = [...question.removed];
    for (const added of question.added) {
      const candidates = remaining.filter((removed) => question.kind === 'column' || schemaOf(removed) === schemaOf(added));
      // Nothing it could be renamed from (every removed one taken, or in another schema): it is new.
      if (candidates.length === 0) {
        created.push({ kind: question.kind, ...table(question), name: added });
        continue;
      }
      const what = question.kind === 'column' ? `${question.table}.${added}` : added;
      const from = await choose<string | null>(`${what}: a new ${question.kind}, or a renamed one?`, [
        { name: `+ ${added}  new ${question.kind}`, value: null },
        ...candidates.map((removed) => ({ name: `~ ${removed} › ${added}  rename ${question.kind}`, value: removed })),
      ]);
      if (from === null) {
        created.push({ kind: question.kind, ...table(question), name: added });
        continue;
      }
      remaining.splice(remaining.indexOf(from), 1);
      renames.push(
        question.kind === 'column'
          ? { kind: 'column', table: question.table!, from, to: added }
          : { kind: 'table', from: nameOf(from), to: nameOf(added) },
      );
    }
  }
  return { renames, created };
}

/** Tables outside public are named `schema.name` in a question; a rename stays within its schema. */
const schemaOf = (qualified: string) => (qualified.includes('.') ? qualified.slice(0, qualified.lastIndexOf('.')) : 'public');
const nameOf = (qualified: string) => qualified.slice(qualified.lastIndexOf('.') + 1);

/**
 * The list prompt on the terminal, on stderr like every other line that is not a result. The
 * progress line goes first, so the question starts on a clean line.
 */
export function terminalChoose(output: Output): Choose {
  return async (message, choices) => {
    output.clearProgress();
    const { default: select } = await import('@inquirer/select');
    return select({ message, choices: choices.map((choice) => ({ name: choice.name, value: choice.value })) }, { output: output.options.stderr });
  };
}

/** Whether stdin and stderr are a terminal someone can answer on (never under --json). */
export function canAsk(json: boolean): boolean {
  return !json && Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY);
}

/** Ctrl-C at a prompt: inquirer rejects with this error (its documented way to tell). */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}
