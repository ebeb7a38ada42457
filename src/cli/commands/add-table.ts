import type { Command } from 'commander';
import { OperationError } from '../../errors.js';
import type { CliContext } from '../context.js';

export function registerAddTable(program: Command, context: CliContext): void {
  program
    .command('add-table')
    .description('(not built yet)')
    .action(() => {
      void context;
      throw new OperationError('`sections add-table` is not built yet');
    });
}
