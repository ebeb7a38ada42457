import type { Command } from 'commander';
import type { MigrateResult } from '../../commands/migrate.js';
import { UserError } from '../../errors.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';
import { renderMigrationStates, renderTarget } from './status.js';
import { lockTimeoutOption } from './lock-timeout.js';
import { addTargetOptions } from './target-options.js';

export function registerMigrate(program: Command, context: CliContext): void {
  const command = program
    .command('migrate')
    .description('apply pending migrations of the unified folder, safely (lock, checksums, one transaction each)');
  addTargetOptions(command)
    .option('--dry-run', 'list what would run, in order; apply nothing')
    .option('--allow-out-of-order', 'apply pending migrations older than the newest applied one')
    .addOption(lockTimeoutOption('another migrate (and a command writing this project)'))
    .option('--resolve <name>', 'mark a failed migration as --applied or --rolled-back (a pending one: --applied, when every earlier one is applied)')
    .option('--applied', 'with --resolve: the migration is in fact applied; record it without running it')
    .option('--rolled-back', 'with --resolve: the failed migration left nothing behind; it will run again')
    .option('--baseline <name>', 'record every migration up to and including <name> as applied without running it (a database made by drizzle-kit push)')
    .addHelpText('after', '\nExamples:\n  $ DATABASE_URL=postgres://app@db/app sections migrate\n  $ sections migrate --local --dry-run\n  $ sections migrate --resolve 0004_index_parts --applied\n  $ sections migrate --baseline 0000_init')
    .action(async (flags: { url?: string; local?: boolean; dryRun?: boolean; allowOutOfOrder?: boolean; lockTimeout: number; resolve?: string; applied?: boolean; rolledBack?: boolean; baseline?: string }) => {
      if (flags.baseline !== undefined && flags.resolve) throw new UserError('--baseline and --resolve each mark migrations by themselves; give one');
      if (flags.baseline !== undefined && flags.allowOutOfOrder) throw new UserError('--baseline applies nothing, so --allow-out-of-order has no meaning with it');
      if (flags.resolve && Boolean(flags.applied) === Boolean(flags.rolledBack)) throw new UserError('--resolve needs exactly one of --applied or --rolled-back');
      if (!flags.resolve && (flags.applied || flags.rolledBack)) throw new UserError('--applied and --rolled-back go with --resolve <name>');
      const global = context.global();
      const output = context.output();
      const { migrate } = await import('../../commands/migrate.js');
      const result = await migrate({
        cwd: global.cwd,
        config: global.config,
        url: flags.url,
        local: flags.local,
        dryRun: flags.dryRun,
        allowOutOfOrder: flags.allowOutOfOrder,
        lockTimeoutMs: flags.lockTimeout * 1000,
        resolve: flags.resolve ? { tag: flags.resolve, as: flags.applied ? 'applied' : 'rolled-back' } : undefined,
        baseline: flags.baseline,
        progress: (step) => output.progress(step),
        onLockWait: (message) => output.notice(message),
      });
      output.clearProgress();
      if (global.json) output.json({ ok: true, ...result });
      else renderMigrate(result, output);
    });
}

function renderMigrate(result: MigrateResult, output: Output): void {
  const { color } = output;
  renderTarget(result, output);
  if (result.resolved) {
    output.info(`${result.dryRun ? color.yellow('would resolve') : color.green('resolved')} ${result.resolved.tag} as ${result.resolved.as}`);
    return;
  }
  if (result.baselined) {
    const { tag, recorded } = result.baselined;
    if (recorded.length === 0) output.info(`${color.green('✓')} baseline ${tag}: every migration up to it is recorded already`);
    for (const recordedTag of recorded) output.info(`${result.dryRun ? color.yellow('would record') : color.green('recorded')} ${recordedTag} as applied (not run)`);
    renderMigrationStates(result.migrations, output);
    return;
  }
  if (result.applied.length === 0) {
    output.info(`${color.green('✓')} up to date: nothing to apply`);
    return;
  }
  for (const tag of result.applied) output.info(`${result.dryRun ? color.yellow('would apply') : color.green('applied')} ${tag}`);
  if (result.dryRun) renderMigrationStates(result.migrations, output);
}
