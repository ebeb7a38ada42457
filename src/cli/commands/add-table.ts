import type { Command } from 'commander';
import type { AddTableResult } from '../../commands/add-table.js';
import { displayPath } from '../../display-path.js';
import type { CliContext } from '../context.js';
import { count } from '../count.js';
import type { Output } from '../output.js';
import { lockOptions, lockTimeoutOption } from './lock-timeout.js';
import { renderGeneratedFindings } from './generated-findings.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerAddTable(program: Command, context: CliContext): void {
  program
    .command('add-table')
    .description('append a table (id, public_id, your columns, created_at, updated_at) to a section\'s schema, then generate')
    .argument('<section>', 'the section that will own the table')
    .argument('<table>', 'the table name, snake_case')
    .option('--column <spec>', 'name:type[:modifier]... (repeatable); types: serial, integer, bigint, smallint, text, varchar(n), boolean, uuid, date, timestamp, timestamptz, numeric(p,s), jsonb or one of the section\'s enums; modifiers: notnull, unique, default=<literal>, references=<table>.<column>', collect)
    .option('--no-generate', 'only edit the schema; do not generate the migration and types')
    .option('--shadow-url <url>', 'for generate: run the migrations on this PostgreSQL server instead of the embedded PGlite')
    .option('--dry-run', 'print what would change; write nothing')
    .addOption(lockTimeoutOption())
    .addHelpText('after', "\nExample:\n  $ sections add-table vendor vendor_payout --column 'amount:numeric(12,2):notnull' --column 'vendor_id:bigint:notnull:references=vendor_profile.id'")
    .action(async (section: string, table: string, flags: { column?: string[]; generate: boolean; shadowUrl?: string; dryRun?: boolean; lockTimeout: number }) => {
      const global = context.global();
      const output = context.output();
      const { addTable } = await import('../../commands/add-table.js');
      const result = await addTable({
        cwd: global.cwd,
        config: global.config,
        section,
        table,
        columns: flags.column ?? [],
        generate: flags.generate,
        shadowUrl: flags.shadowUrl,
        dryRun: flags.dryRun,
        progress: (step) => output.progress(step),
        lock: lockOptions(flags.lockTimeout, output),
      });
      output.clearProgress();
      if (global.json) output.json({ ok: true, ...result });
      else renderAddTable(result, output, global.cwd);
    });
}

function renderAddTable(result: AddTableResult, output: Output, cwd: string): void {
  const { color } = output;
  const verb = result.dryRun ? 'would add' : 'added';
  output.info(`${color.green(verb)} table ${color.bold(result.table)} (${result.exportName}) to section ${result.section}: ${displayPath(cwd, result.schemaFile)}`);
  if (result.generate) {
    const { migration } = result.generate;
    output.info(migration ? `${color.green('migration')} ${displayPath(cwd, migration.file)} created (${count(migration.statements, 'statement')})` : `${color.dim('migration')} no schema changes`);
    for (const section of result.generate.sections.filter((entry) => entry.types !== 'unchanged')) {
      output.info(`${color.green('types')} ${section.types} ${displayPath(cwd, section.typesFile)}`);
    }
    for (const file of result.generate.files.filter((entry) => !['migration', 'snapshot', 'journal', 'sum', 'types'].includes(entry.kind) && entry.status !== 'unchanged')) {
      output.info(`${file.status === 'kept' ? color.dim('kept') : color.green(file.status)} ${file.kind} ${displayPath(cwd, file.path)}`);
    }
    for (const warning of result.generate.warnings) output.warn(warning);
    renderGeneratedFindings(result.generate.lint.findings, output, cwd);
  } else if (result.dryRun) {
    output.info(color.yellow(`dry run: nothing was written${result.sectionsWithoutTables.length === 0 ? '; generate would run afterwards' : ''}`));
  } else if (result.sectionsWithoutTables.length > 0) {
    const waiting = result.sectionsWithoutTables.map((name) => `"${name}"`).join(', ');
    output.info(`${color.dim('next')} generate waits until every section has a table: add one to ${waiting}, then run \`sections generate\``);
  } else {
    output.info(`${color.dim('next')} run \`sections generate --name add_${result.table}\``);
  }
}
