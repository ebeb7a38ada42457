import type { Command } from 'commander';
import { OperationError } from '../../errors.js';
import type { CliContext } from '../context.js';

export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description('(not built yet)')
    .action(() => {
      void context;
      throw new OperationError('`sections init` is not built yet');
    });
}
