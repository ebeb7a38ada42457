import type { Command } from 'commander';
import type { AddSectionResult } from '../../commands/add-section.js';
import { displayPath } from '../../display-path.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';
import { lockOptions, lockTimeoutOption } from './lock-timeout.js';

export function registerAddSection(program: Command, context: CliContext): void {
  program
    .command('add-section')
    .description('create a section: its schema folder beside the others, an empty schema, and its entry in the config')
    .argument('<name>', 'the section name, an identifier (e.g. billing)')
    .option('--dry-run', 'print what would change; write nothing')
    .addOption(lockTimeoutOption())
    .action(async (name: string, flags: { dryRun?: boolean; lockTimeout: number }) => {
      const global = context.global();
      const output = context.output();
      const { addSection } = await import('../../commands/add-section.js');
      const result = await addSection({ cwd: global.cwd, config: global.config, name, dryRun: flags.dryRun, lock: lockOptions(flags.lockTimeout, output) });
      if (global.json) output.json({ ok: true, ...result });
      else renderAddSection(result, output, global.cwd);
    });
}

function renderAddSection(result: AddSectionResult, output: Output, cwd: string): void {
  const { color } = output;
  const would = result.dryRun ? 'would be ' : '';
  for (const file of result.files) output.info(`${color.green(`${would}${file.status}`)} ${file.kind} ${displayPath(cwd, file.path)}`);
  for (const warning of result.warnings) output.warn(warning);
  if (result.dryRun) output.info(color.yellow('dry run: nothing was written'));
  else output.info(`${color.dim('next')} add its first table: sections add-table ${result.section} <table> --column ...`);
}
