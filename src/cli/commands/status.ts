import type { Command } from 'commander';
import type { MigrationState } from '../../migrate/migration-state.js';
import type { TargetSource } from '../../migrate/target.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';
import { lockOptions, lockTimeoutOption } from './lock-timeout.js';
import { addTargetOptions } from './target-options.js';

export function registerStatus(program: Command, context: CliContext): void {
  const command = program
    .command('status')
    .description('show each migration as applied / pending / modified / failed / missing-locally (exit 1 unless up to date)');
  addTargetOptions(command)
    .addOption(lockTimeoutOption('a command writing this project or using its embedded database'))
    .action(async (flags: { url?: string; local?: boolean; lockTimeout: number }) => {
      const global = context.global();
      const output = context.output();
      const { status } = await import('../../commands/status.js');
      const result = await status({ cwd: global.cwd, config: global.config, url: flags.url, local: flags.local, lock: lockOptions(flags.lockTimeout, output) });
      if (global.json) output.json({ ok: result.upToDate, ...result });
      else {
        renderTarget(result, output);
        renderMigrationStates(result.migrations, output);
        output.info(result.upToDate ? `${output.color.green('✓')} up to date` : `${output.color.yellow('!')} not up to date`);
      }
      context.exitCode = result.upToDate ? 0 : 1;
    });
}

export function renderTarget(result: { readonly target: string; readonly targetSource: TargetSource }, output: Output): void {
  output.info(`${output.color.dim('target')} ${result.target} ${output.color.dim(`(${result.targetSource})`)}`);
}

export function renderMigrationStates(migrations: readonly MigrationState[], output: Output): void {
  const { color } = output;
  const paint = { applied: color.green, pending: color.yellow, modified: color.red, failed: color.red, 'missing-locally': color.red } as const;
  const width = Math.max(0, ...migrations.map((state) => state.tag.length));
  for (const state of migrations) {
    const flag = state.outOfOrder ? ' (out of order)' : '';
    const detail = state.detail ? color.dim(`  ${state.detail}`) : '';
    output.info(`${state.tag.padEnd(width)}  ${paint[state.status](state.status)}${flag}${detail}`);
  }
}
