import type { Command } from 'commander';
import type { InitResult } from '../../commands/init.js';
import { displayPath } from '../../display-path.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';
import { lockOptions, lockTimeoutOption } from './lock-timeout.js';

export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description('start a project in the seed\'s layout: core, vendor and customer sections, sections.config.ts, drizzle.config.ts, db:* scripts')
    .option('--dry-run', 'print what would be written; write nothing')
    .addOption(lockTimeoutOption())
    .action(async (flags: { dryRun?: boolean; lockTimeout: number }) => {
      const global = context.global();
      const output = context.output();
      const { init } = await import('../../commands/init.js');
      const result = await init({ cwd: global.cwd, dryRun: flags.dryRun, lock: lockOptions(flags.lockTimeout, output) });
      if (global.json) output.json({ ok: true, ...result });
      else renderInit(result, output, global.cwd);
    });
}

function renderInit(result: InitResult, output: Output, cwd: string): void {
  const { color } = output;
  const would = result.dryRun ? 'would be ' : '';
  for (const file of result.files) output.info(`${color.green(`${would}${file.status}`)} ${file.kind} ${displayPath(cwd, file.path)}`);
  if (result.dryRun) output.info(color.yellow('dry run: nothing was written'));
  else output.info(`${color.dim('next')} sections generate   (the first migration and each section's Kysely types)`);
}
