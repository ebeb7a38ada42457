import type { Command } from 'commander';
import { OperationError } from '../../errors.js';
import type { CliContext } from '../context.js';

export function registerCheck(program: Command, context: CliContext): void {
  program
    .command('check')
    .description('(not built yet)')
    .action(() => {
      void context;
      throw new OperationError('`sections check` is not built yet');
    });
}
