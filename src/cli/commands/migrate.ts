import type { Command } from 'commander';
import { OperationError } from '../../errors.js';
import type { CliContext } from '../context.js';

export function registerMigrate(program: Command, context: CliContext): void {
  program
    .command('migrate')
    .description('(not built yet)')
    .action(() => {
      void context;
      throw new OperationError('`sections migrate` is not built yet');
    });
}
