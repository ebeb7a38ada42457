import type { Command } from 'commander';
import { OperationError } from '../../errors.js';
import type { CliContext } from '../context.js';

export function registerAddSection(program: Command, context: CliContext): void {
  program
    .command('add-section')
    .description('(not built yet)')
    .action(() => {
      void context;
      throw new OperationError('`sections add-section` is not built yet');
    });
}
